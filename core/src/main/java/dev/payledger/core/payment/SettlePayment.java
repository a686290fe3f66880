package dev.payledger.core.payment;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.Atomically;
import dev.payledger.core.common.ConcurrentChangeException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one settlement path. The checkout callback, webhooks and the reconciler all end here with verified
 * evidence, and in one transaction it captures the payment (compare-and-set, so a second caller finds it
 * captured and credits nothing), checks amount and currency, posts the ledger transaction
 * {@code settle:<paymentId>} (unique, so it cannot post twice), credits the wallet, marks the order paid and
 * writes outbox events. Money that does not match is recorded in suspense and the payment held for review.
 * Calls no provider. Thread-safe.
 */
public final class SettlePayment {
    private final Persistence store;
    private final Clock clock;

    public SettlePayment(Persistence store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Result settle(SettlementEvidence evidence) {
        return settleAll(List.of(evidence)).get(0);
    }

    /**
     * Settles the evidences in one transaction, each exactly as {@link #settle} would one after another (the same
     * payment twice settles once, then answers {@code AlreadySettled}), writing the captures together: on
     * PostgreSQL a few statements for the whole list instead of a dozen per payment. A lost compare-and-set
     * (someone settled one of them meanwhile) rolls the whole list back; at the top level it is then decided
     * again, inside a caller's transaction it fails that transaction.
     *
     * @return one result per evidence, in order
     */
    public List<Result> settleAll(List<SettlementEvidence> evidences) {
        if (evidences.isEmpty()) {
            return List.of();
        }
        return Atomically.run(store.unitOfWork(), () -> new SettlementBatch(store, clock.instant()).settle(evidences));
    }

    /**
     * Holds an open payment for review without posting money: the provider authorized an amount that does not
     * match, and we did not capture it.
     */
    void holdUncaptured(SettlementEvidence evidence, String reason) {
        Atomically.run(store.unitOfWork(), () -> {
            PaymentLocator.locate(store.payments(), evidence.provider(), evidence.reference())
                    .filter(payment -> payment.status().isOpen()).ifPresent(payment -> {
                        Instant now = clock.instant();
                        Payment held = payment.moveTo(PaymentStatus.NEEDS_REVIEW,
                                Optional.of(evidence.providerPaymentId()), Optional.of(reason), now);
                        ConcurrentChangeException.requireUpdated(store.payments().update(held), "payment " + payment.id());
                        Events.payment(store.outbox(), "payment.needs_review", held, now, "reason", reason);
                    });
            return null;
        });
    }

    /** What settling did. */
    public sealed interface Result {
    }

    /** Captured now; {@code credits} were added to the wallet (zero for orders without credit packages). */
    public record Settled(Payment payment, long credits) implements Result {
    }

    /** Captured before: nothing changed. */
    public record AlreadySettled(Payment payment) implements Result {
    }

    /** The money did not match; it is recorded in suspense and the payment waits for an operator. */
    public record NeedsReview(Payment payment, String reason) implements Result {
    }

    /** No payment matches the evidence. */
    public record UnknownPayment(PaymentReference reference) implements Result {
    }
}
