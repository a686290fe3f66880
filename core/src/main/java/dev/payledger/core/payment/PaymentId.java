package dev.payledger.core.payment;

import dev.payledger.core.common.Require;

/** Our id of a payment attempt; sent to providers as receipt / client reference / idempotency key. */
public record PaymentId(String value) {
    public PaymentId {
        Require.token(value, "payment id", 40);
    }

    @Override
    public String toString() {
        return value;
    }
}
