package dev.payledger.core.payment;

import java.util.Optional;

/**
 * How a provider fact names a payment: its reference (Razorpay order, Stripe session, Coinbase checkout),
 * our payment id echoed back from the metadata we sent, or the provider's payment id. At least one is set.
 */
public record PaymentReference(Optional<String> providerRef, Optional<PaymentId> paymentId,
                               Optional<String> providerPaymentId) {
    public PaymentReference {
        providerRef = providerRef == null ? Optional.empty() : providerRef;
        paymentId = paymentId == null ? Optional.empty() : paymentId;
        providerPaymentId = providerPaymentId == null ? Optional.empty() : providerPaymentId;
        if (providerRef.isEmpty() && paymentId.isEmpty() && providerPaymentId.isEmpty()) {
            throw new IllegalArgumentException("A payment reference needs at least one id");
        }
    }

    public static PaymentReference byProviderRef(String providerRef) {
        return new PaymentReference(Optional.of(providerRef), Optional.empty(), Optional.empty());
    }

    public static PaymentReference of(String providerRef, PaymentId paymentId, String providerPaymentId) {
        return new PaymentReference(Optional.ofNullable(providerRef), Optional.ofNullable(paymentId),
                Optional.ofNullable(providerPaymentId));
    }
}
