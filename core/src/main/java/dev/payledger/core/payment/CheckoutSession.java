package dev.payledger.core.payment;

import java.util.Map;
import java.util.Optional;

/**
 * A checkout the provider opened.
 *
 * @param providerRef  the provider's handle, unique per provider (Razorpay order id, Stripe session id…)
 * @param checkoutData what a page needs, by convention {@code url} for a hosted page, {@code key_id} and
 *                     {@code order_id} for Razorpay Checkout, {@code upi_intent}…; never a secret
 * @param qrPayload    text to show as a QR code (a {@code upi://pay} intent), if the provider has one
 */
public record CheckoutSession(String providerRef, Map<String, String> checkoutData, Optional<String> qrPayload) {
    public CheckoutSession {
        if (providerRef == null || providerRef.isBlank()) {
            throw new IllegalArgumentException("A checkout session needs the provider's reference");
        }
        checkoutData = Map.copyOf(checkoutData);
        qrPayload = qrPayload == null ? Optional.empty() : qrPayload;
    }
}
