package dev.payledger.core.payment;

import dev.payledger.core.common.UserId;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.OrderId;

import java.time.Instant;
import java.util.Objects;

/**
 * What a gateway needs to open a checkout: the amount we computed, our ids (to send as receipt, client
 * reference, metadata and idempotency key) and when the attempt should expire.
 */
public record CheckoutRequest(PaymentId paymentId, OrderId orderId, UserId user, Money amount, String description,
                              Instant expiresAt) {
    public CheckoutRequest {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
