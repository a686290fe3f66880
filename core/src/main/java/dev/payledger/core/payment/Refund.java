package dev.payledger.core.payment;

import dev.payledger.core.money.Money;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Money returned on a captured payment, full or partial. Credits bought with it are clawed back when the
 * refund is requested ({@code creditsClawedBack}, returned if the refund fails); the money leaves the books
 * when the provider confirms it. Immutable; {@code version} as for payments.
 */
public record Refund(RefundId id, PaymentId paymentId, Money amount, RefundStatus status,
                     Optional<String> providerRefundId, String reason, long creditsClawedBack,
                     Instant createdAt, Instant updatedAt, long version) {
    public Refund {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        providerRefundId = providerRefundId == null ? Optional.empty() : providerRefundId;
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("A refund amount must be positive");
        }
        if (creditsClawedBack < 0) {
            throw new IllegalArgumentException("Clawed-back credits cannot be negative");
        }
    }

    public static Refund request(RefundId id, PaymentId paymentId, Money amount, String reason, long credits,
                                 Instant now) {
        return new Refund(id, paymentId, amount, RefundStatus.REQUESTED, Optional.empty(), reason, credits, now, now, 1);
    }

    public Refund moveTo(RefundStatus target, Optional<String> newProviderRefundId, Instant now) {
        if (!status.canMoveTo(target)) {
            throw new IllegalStateException("Refund " + id + " cannot go from " + status + " to " + target);
        }
        return new Refund(id, paymentId, amount, target, newProviderRefundId.or(() -> providerRefundId), reason,
                creditsClawedBack, createdAt, now, version + 1);
    }
}
