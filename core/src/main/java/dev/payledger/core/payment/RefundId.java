package dev.payledger.core.payment;

import dev.payledger.core.common.Require;

/** Our id of a refund; providers get it (or a key derived from it) as the refund's idempotency key. */
public record RefundId(String value) {
    public RefundId {
        Require.token(value, "refund id", 40);
    }

    @Override
    public String toString() {
        return value;
    }
}
