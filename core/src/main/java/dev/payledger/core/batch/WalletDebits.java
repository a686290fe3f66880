package dev.payledger.core.batch;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.UserId;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.LedgerTransaction;
import dev.payledger.core.ledger.Posting;
import dev.payledger.core.ledger.Transfer;
import dev.payledger.core.ledger.Wallet;
import dev.payledger.core.outbox.OutboxEvent;
import dev.payledger.core.wallet.SpendCredits;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One batch of spends inside the batch's transaction: the running balance of each wallet, one posting per
 * spend, and the batch's outbox events written last. Used by one writer thread at a time.
 */
final class WalletDebits {
    private final Persistence store;
    private final Clock clock;

    WalletDebits(Persistence store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    List<SpendCredits.Result> spendAll(List<SpendCredits.Command> commands) {
        Map<UserId, Wallet> running = new HashMap<>();
        Set<UserId> locked = new HashSet<>();
        List<OutboxEvent> events = new ArrayList<>();
        List<SpendCredits.Result> results = new ArrayList<>(commands.size());
        Instant now = clock.instant();
        for (SpendCredits.Command command : commands) {
            UserId user = command.user();
            Wallet before = running.computeIfAbsent(user, store.ledger()::wallet);
            String key = "spend:" + user + ":" + command.reference();
            if (command.credits() > before.balance()) {
                results.add(store.ledger().isPosted(key)
                        ? new SpendCredits.AlreadySpent(before) : new SpendCredits.InsufficientCredits(before, command.credits()));
                continue;
            }
            Posting posting = store.ledger().post(new LedgerTransaction(key, EntryType.SPEND,
                    List.of(new Transfer(AccountId.wallet(user), AccountId.creditsSpent(), command.credits())),
                    command.description(), now));
            if (posting instanceof Posting.AlreadyPosted) {
                results.add(new SpendCredits.AlreadySpent(before));
            } else if (posting instanceof Posting.InsufficientFunds) {
                Wallet actual = store.ledger().wallet(user);
                running.put(user, actual);
                results.add(new SpendCredits.InsufficientCredits(actual, command.credits()));
            } else {
                Wallet after = locked.add(user) ? store.ledger().wallet(user)
                        : new Wallet(user, before.balance() - command.credits(), before.earned(),
                        before.spent() + command.credits());
                running.put(user, after);
                events.add(OutboxEvent.of("wallet.debited", user, command.reference(), Map.of("credits",
                        Long.toString(command.credits()), "balance", Long.toString(after.balance())), now));
                results.add(new SpendCredits.Spent(after));
            }
        }
        events.forEach(store.outbox()::append);
        return results;
    }
}
