package dev.payledger.razorpay;

import dev.payledger.core.payment.ProviderEvent;
import dev.payledger.core.payment.ProviderEventVerifier;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;

import java.util.Objects;
import java.util.Optional;

/**
 * Verifies Razorpay webhooks: {@code X-Razorpay-Signature} is HMAC-SHA256 of the raw body with the webhook
 * secret (compared in constant time); the event id is {@code X-Razorpay-Event-Id}. Never throws for bad input.
 * Thread-safe.
 */
public final class RazorpayWebhookVerifier implements ProviderEventVerifier {
    private final String webhookSecret;

    public RazorpayWebhookVerifier(String webhookSecret) {
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("Razorpay webhook secret is not set");
        }
        this.webhookSecret = webhookSecret;
    }

    @Override
    public String provider() {
        return Razorpay.PROVIDER;
    }

    @Override
    public Verification verify(WebhookRequest request) {
        Objects.requireNonNull(request, "request");
        Optional<String> signature = request.header("X-Razorpay-Signature").filter(value -> !value.isBlank());
        if (signature.isEmpty()) {
            return new Verification.Rejected(Verification.Reason.MISSING_SIGNATURE, "X-Razorpay-Signature is missing");
        }
        byte[] body = request.body();
        if (!Signatures.matches(Signatures.webhook(body, webhookSecret), signature.get().strip())) {
            return new Verification.Rejected(Verification.Reason.INVALID_SIGNATURE,
                    "X-Razorpay-Signature does not match the body");
        }
        try {
            return new Verification.Verified(RazorpayEvents.read(request.header("X-Razorpay-Event-Id"), body));
        } catch (RuntimeException e) {
            return new Verification.Rejected(Verification.Reason.MALFORMED, "Unreadable Razorpay event: " + e.getMessage());
        }
    }

    @Override
    public ProviderEvent read(String eventId, byte[] verifiedBody) {
        return RazorpayEvents.read(Optional.ofNullable(eventId), verifiedBody);
    }
}
