package dev.payledger.core.payment;

import dev.payledger.core.money.Money;

import java.util.Objects;

/** A refund to send to the provider; {@code refundId} is the base of the provider idempotency key. */
public record RefundRequest(RefundId refundId, Payment payment, Money amount, String reason) {
    public RefundRequest {
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
    }
}
