package dev.payledger.core.payment;

import dev.payledger.core.common.UserId;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.OrderId;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt to collect an order's total through one provider. Immutable: each change returns a copy with
 * {@code version + 1}, stored by {@link Payments#update} only if the stored version is still the old one.
 *
 * @param providerRef    the provider's handle for the attempt (Razorpay order id, Stripe session id, Coinbase
 *                       checkout id); empty until the provider answered; unique per provider
 * @param providerPaymentId the provider's id of the money movement (Razorpay {@code pay_…}, a payment intent)
 * @param checkout       what the page needs to show the checkout (hosted URL, key id, UPI intent…)
 * @param purchaseKey    what was bought ({@code package:starter:INR}, {@code order:<id>}): a repeat checkout
 *                       for the same key, user and provider within a few minutes reuses this payment
 */
public record Payment(PaymentId id, OrderId orderId, UserId user, String provider, String purchaseKey,
                      Money amount, PaymentStatus status, Optional<String> providerRef,
                      Optional<String> providerPaymentId, Map<String, String> checkout, Money refunded,
                      Optional<String> failureReason, Instant createdAt, Instant updatedAt, long version) {

    public Payment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(purchaseKey, "purchaseKey");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
        providerRef = providerRef == null ? Optional.empty() : providerRef;
        providerPaymentId = providerPaymentId == null ? Optional.empty() : providerPaymentId;
        checkout = checkout == null ? Map.of() : Map.copyOf(checkout);
        Objects.requireNonNull(refunded, "refunded");
        failureReason = failureReason == null ? Optional.empty() : failureReason;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("A payment amount must be positive");
        }
    }

    public static Payment create(PaymentId id, OrderId orderId, UserId user, String provider, String purchaseKey,
                                 Money amount, Instant now) {
        return new Payment(id, orderId, user, provider, purchaseKey, amount, PaymentStatus.CREATED, Optional.empty(),
                Optional.empty(), Map.of(), Money.zero(amount.currency()), Optional.empty(), now, now, 1);
    }

    /** The provider accepted the checkout: remember its reference and what the page needs. */
    public Payment opened(String reference, Map<String, String> checkoutData, Instant now) {
        if (status != PaymentStatus.CREATED || providerRef.isPresent()) {
            throw new IllegalStateException("Payment " + id + " is already open or no longer open");
        }
        return new Payment(id, orderId, user, provider, purchaseKey, amount, status, Optional.of(reference),
                providerPaymentId, checkoutData, refunded, failureReason, createdAt, now, version + 1);
    }

    public Payment moveTo(PaymentStatus target, Instant now) {
        return moveTo(target, providerPaymentId, failureReason, now);
    }

    public Payment moveTo(PaymentStatus target, Optional<String> newProviderPaymentId, Optional<String> reason,
                          Instant now) {
        if (!status.canMoveTo(target)) {
            throw new IllegalStateException("Payment " + id + " cannot go from " + status + " to " + target);
        }
        return new Payment(id, orderId, user, provider, purchaseKey, amount, target, providerRef,
                newProviderPaymentId.or(() -> providerPaymentId), checkout, refunded, reason, createdAt, now,
                version + 1);
    }

    /** The same payment, marked as looked at now (the reconciler asked the provider and nothing changed). */
    public Payment touched(Instant now) {
        return new Payment(id, orderId, user, provider, purchaseKey, amount, status, providerRef, providerPaymentId,
                checkout, refunded, failureReason, createdAt, now, version + 1);
    }

    /** Records a refund of {@code refundedNow}; the status becomes partially or fully refunded. */
    public Payment refund(Money refundedNow, Instant now) {
        Money total = refunded.plus(refundedNow);
        if (!refundedNow.isPositive() || total.isGreaterThan(amount)) {
            throw new IllegalArgumentException("Refund of " + refundedNow + " does not fit payment " + id);
        }
        PaymentStatus target = total.equals(amount) ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
        if (!status.canMoveTo(target)) {
            throw new IllegalStateException("Payment " + id + " cannot be refunded from " + status);
        }
        return new Payment(id, orderId, user, provider, purchaseKey, amount, target, providerRef, providerPaymentId,
                checkout, total, failureReason, createdAt, now, version + 1);
    }


    public boolean belongsTo(UserId someone) {
        return user.equals(someone);
    }

    /** A checkout for the same purchase may hand this attempt out again: opened at the provider, not yet paid. */
    public boolean isOpenForReuse() {
        return status == PaymentStatus.CREATED && providerRef.isPresent();
    }
}
