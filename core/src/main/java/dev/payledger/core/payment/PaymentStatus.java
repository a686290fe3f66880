package dev.payledger.core.payment;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of one payment attempt.
 * <pre>
 * CREATED → AUTHORIZED → CAPTURED → PARTIALLY_REFUNDED → REFUNDED
 * CREATED | AUTHORIZED → FAILED | EXPIRED | CANCELLED
 * FAILED | EXPIRED | CANCELLED → CAPTURED        (late money is still settled: money is never dropped)
 * any open or late state → NEEDS_REVIEW          (the provider reports money that does not match)
 * </pre>
 */
public enum PaymentStatus {
    CREATED, AUTHORIZED, CAPTURED, PARTIALLY_REFUNDED, REFUNDED, FAILED, EXPIRED, CANCELLED, NEEDS_REVIEW;

    /** States from which a confirmed payment is captured (and credited). */
    public static final Set<PaymentStatus> SETTLEABLE = EnumSet.of(CREATED, AUTHORIZED, FAILED, EXPIRED, CANCELLED);

    public Set<PaymentStatus> next() {
        return switch (this) {
            case CREATED -> EnumSet.of(AUTHORIZED, CAPTURED, FAILED, EXPIRED, CANCELLED, NEEDS_REVIEW);
            case AUTHORIZED -> EnumSet.of(CAPTURED, FAILED, EXPIRED, CANCELLED, NEEDS_REVIEW);
            case FAILED, EXPIRED, CANCELLED -> EnumSet.of(CAPTURED, NEEDS_REVIEW);
            case CAPTURED -> EnumSet.of(PARTIALLY_REFUNDED, REFUNDED);
            case PARTIALLY_REFUNDED -> EnumSet.of(PARTIALLY_REFUNDED, REFUNDED);
            case REFUNDED, NEEDS_REVIEW -> EnumSet.noneOf(PaymentStatus.class);
        };
    }

    public boolean canMoveTo(PaymentStatus target) {
        return next().contains(target);
    }

    /** Still waiting for the payer: the reconciler asks the provider about these. */
    public boolean isOpen() {
        return this == CREATED || this == AUTHORIZED;
    }

    /** Money was captured for this payment (whether or not part of it was refunded since). */
    public boolean isPaid() {
        return this == CAPTURED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }
}
