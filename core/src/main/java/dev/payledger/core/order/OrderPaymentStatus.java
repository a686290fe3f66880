package dev.payledger.core.order;

import java.util.EnumSet;
import java.util.Set;

/** {@code PENDING → PAID → PARTIALLY_REFUNDED → REFUNDED} (and {@code PAID → REFUNDED}). */
public enum OrderPaymentStatus {
    PENDING, PAID, PARTIALLY_REFUNDED, REFUNDED;

    public Set<OrderPaymentStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(PAID);
            case PAID -> EnumSet.of(PARTIALLY_REFUNDED, REFUNDED);
            case PARTIALLY_REFUNDED -> EnumSet.of(PARTIALLY_REFUNDED, REFUNDED);
            case REFUNDED -> EnumSet.noneOf(OrderPaymentStatus.class);
        };
    }

    public boolean canMoveTo(OrderPaymentStatus target) {
        return next().contains(target);
    }
}
