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
 * Gives credits (a promotion, goodwill: {@code GRANT}) or corrects a wallet either way ({@code ADJUSTMENT},
 * where a negative amount takes credits back, never below zero). Always with a reason, idempotent on
 * {@code reference}. Thread-safe.
 */
public final class GrantCredits {
    private final Persistence store;
    private final Clock clock;

    public GrantCredits(Persistence store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Result grant(Command command) {
        AccountId wallet = AccountId.wallet(command.user());
        Transfer transfer = command.credits() > 0
                ? new Transfer(AccountId.creditsIssued(), wallet, command.credits())
                : new Transfer(wallet, AccountId.creditsIssued(), -command.credits());
        return store.unitOfWork().inTransaction(() -> {
            Posting posting = store.ledger().post(new LedgerTransaction(
                    "grant:" + command.user() + ":" + command.reference(), command.type(), List.of(transfer),
                    command.reason(), clock.instant()));
            if (!(posting instanceof Posting.Posted posted)) {
                Wallet now = store.ledger().wallet(command.user());
                return posting instanceof Posting.InsufficientFunds
                        ? new InsufficientCredits(now) : new AlreadyGranted(now);
            }
            Wallet after = posted.wallet(command.user());
            store.outbox().append(OutboxEvent.of(command.credits() > 0 ? "wallet.credited" : "wallet.debited",
                    command.user(), command.reference(), Map.of("credits", Long.toString(command.credits()),
                            "balance", Long.toString(after.balance()), "reason", command.reason()), clock.instant()));
            return new Granted(after);
        });
    }

    /** {@code credits} positive adds, negative (adjustments only) removes. */
    public record Command(UserId user, long credits, EntryType type, String reason, String reference) {
        public Command {
            Require.nonNull(user, "user");
            if (type != EntryType.GRANT && type != EntryType.ADJUSTMENT) {
                throw new IllegalArgumentException("A grant is a GRANT or an ADJUSTMENT");
            }
            if (credits == 0 || (credits < 0 && type == EntryType.GRANT)) {
                throw new IllegalArgumentException("A grant adds credits; only an adjustment takes them back");
            }
            Require.text(reason, "reason", 500);
            Require.token(reference, "grant reference", 128);
        }
    }

    public sealed interface Result {
    }

    public record Granted(Wallet wallet) implements Result {
    }

    public record AlreadyGranted(Wallet wallet) implements Result {
    }

    /** A negative adjustment larger than the balance; nothing changed. */
    public record InsufficientCredits(Wallet wallet) implements Result {
    }
}
