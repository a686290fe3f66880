package dev.payledger.core.wallet;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.Require;
import dev.payledger.core.common.UserId;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.LedgerTransaction;
import dev.payledger.core.ledger.Posting;
import dev.payledger.core.ledger.Transfer;
import dev.payledger.core.ledger.Wallet;
import dev.payledger.core.outbox.OutboxEvent;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Spends credits from a wallet. The balance check and the debit are one conditional update, so concurrent
 * spends can never overdraw; {@code reference} makes a spend idempotent (the same reference spends once).
 * Thread-safe.
 */
public final class SpendCredits {
    private final Persistence store;
    private final Clock clock;

    public SpendCredits(Persistence store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Result spend(Command command) {
        return store.unitOfWork().inTransaction(() -> {
            Posting posting = store.ledger().post(new LedgerTransaction(
                    "spend:" + command.user() + ":" + command.reference(), EntryType.SPEND,
                    List.of(new Transfer(AccountId.wallet(command.user()), AccountId.creditsSpent(), command.credits())),
                    command.description(), clock.instant()));
            if (!(posting instanceof Posting.Posted posted)) {
                Wallet wallet = store.ledger().wallet(command.user());
                return posting instanceof Posting.InsufficientFunds
                        ? new InsufficientCredits(wallet, command.credits()) : new AlreadySpent(wallet);
            }
            Wallet wallet = posted.wallet(command.user());
            store.outbox().append(OutboxEvent.of("wallet.debited", command.user(), command.reference(),
                    Map.of("credits", Long.toString(command.credits()), "balance", Long.toString(wallet.balance())),
                    clock.instant()));
            return new Spent(wallet);
        });
    }

    public record Command(UserId user, long credits, String reference, String description) {
        public Command {
            Require.nonNull(user, "user");
            Require.positive(credits, "credits");
            Require.token(reference, "spend reference", 128);
            Require.text(description, "description", 500);
        }
    }

    public sealed interface Result {
    }

    public record Spent(Wallet wallet) implements Result {
    }

    /** A spend with this reference happened before; nothing changed. */
    public record AlreadySpent(Wallet wallet) implements Result {
    }

    public record InsufficientCredits(Wallet wallet, long requested) implements Result {
    }
}
