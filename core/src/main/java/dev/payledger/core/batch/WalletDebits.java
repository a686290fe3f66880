package dev.payledger.core.batch;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.ConcurrentChangeException;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One batch of spends inside the batch's transaction. Each spend is decided in order against the running
 * balance of its wallet (read once for the batch): refused without touching the ledger when it cannot be
 * afforded, otherwise its ledger transaction joins the batch's list. The list is then posted in one
 * {@code Ledger.postAll} (on PostgreSQL: the wallet locked and moved once for the whole batch), which tells
 * the exact balance each spend left, and the batch's outbox events written last. If the ledger
 * answers anything but "posted" for one of them (a reference spent meanwhile, a balance lowered by another
 * writer), the decisions made from the first read no longer hold: the batch fails and its spends run one by
 * one. Used by one writer thread at a time.
 */
final class WalletDebits {
    private final Persistence store;
    private final Clock clock;

    WalletDebits(Persistence store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    List<SpendCredits.Result> spendAll(List<SpendCredits.Command> commands) {
        Instant now = clock.instant();
        Set<UserId> users = new LinkedHashSet<>();
        commands.forEach(command -> users.add(command.user()));
        Map<UserId, Wallet> running = new HashMap<>(store.ledger().wallets(users));
        SpendCredits.Result[] results = new SpendCredits.Result[commands.size()];
        List<LedgerTransaction> debits = new ArrayList<>();
        List<Integer> debitIndex = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Map<Integer, String> refused = new HashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            SpendCredits.Command command = commands.get(i);
            UserId user = command.user();
            Wallet before = running.get(user);
            String key = "spend:" + user + ":" + command.reference();
            if (keys.contains(key)) {
                results[i] = new SpendCredits.AlreadySpent(before);
            } else if (command.credits() > before.balance()) {
                results[i] = new SpendCredits.InsufficientCredits(before, command.credits());
                refused.put(i, key);
            } else {
                keys.add(key);
                debits.add(new LedgerTransaction(key, EntryType.SPEND,
                        List.of(new Transfer(AccountId.wallet(user), AccountId.creditsSpent(), command.credits())),
                        command.description(), now));
                debitIndex.add(i);
                running.put(user, new Wallet(user, before.balance() - command.credits(), before.earned(),
                        before.spent() + command.credits()));
            }
        }
        if (!refused.isEmpty()) {
            // a refused spend whose reference was spent before is a retry: AlreadySpent, not InsufficientCredits
            Set<String> spentBefore = store.ledger().postedKeys(refused.values());
            refused.forEach((i, key) -> {
                if (spentBefore.contains(key)) {
                    results[i] = new SpendCredits.AlreadySpent(((SpendCredits.InsufficientCredits) results[i]).wallet());
                }
            });
        }
        if (debits.isEmpty()) {
            return List.of(results);
        }
        List<Posting> postings = store.ledger().postAll(debits);
        List<OutboxEvent> events = new ArrayList<>(debits.size());
        for (int j = 0; j < debits.size(); j++) {
            if (!(postings.get(j) instanceof Posting.Posted posted)) {
                throw new ConcurrentChangeException("a spend of the batch was not posted as decided: " + postings.get(j));
            }
            SpendCredits.Command command = commands.get(debitIndex.get(j));
            Wallet wallet = posted.wallet(command.user());
            results[debitIndex.get(j)] = new SpendCredits.Spent(wallet);
            events.add(OutboxEvent.of("wallet.debited", command.user(), command.reference(), Map.of("credits",
                    Long.toString(command.credits()), "balance", Long.toString(wallet.balance())), now));
        }
        store.outbox().appendAll(events);
        return List.of(results);
    }
}
