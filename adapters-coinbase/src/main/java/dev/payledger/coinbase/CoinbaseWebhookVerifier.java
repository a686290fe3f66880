package dev.payledger.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.core.payment.ProviderEvent;
import dev.payledger.core.payment.ProviderEventVerifier;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;

import java.io.IOException;
import java.util.Optional;

/**
 * Verifies Coinbase Business webhooks ({@code X-Hook0-Signature}) and reads them: the dedupe id is
 * {@code X-Event-Id}; {@code checkout.payment.success} / {@code payment_link.payment.success} settle with the
 * amount and currency the event states, {@code …payment.failed} and {@code …payment.expired} close the attempt,
 * {@code checkout.refund.success|failed} end a refund, anything else is irrelevant. Never throws from
 * {@link #verify}. Thread-safe.
 */
public final class CoinbaseWebhookVerifier implements ProviderEventVerifier {
    private final Hook0Signature signature;

    public CoinbaseWebhookVerifier(String webhookSecret) {
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("Coinbase webhook secret is missing or blank; set it in the configuration");
        }
        this.signature = new Hook0Signature(webhookSecret);
    }

    @Override
    public String provider() {
        return Coinbase.PROVIDER;
    }

    @Override
    public Verification verify(WebhookRequest request) {
        Optional<Verification.Rejected> rejected = signature.check(request);
        if (rejected.isPresent()) {
            return rejected.get();
        }
        Optional<String> eventId = request.header("X-Event-Id").filter(id -> !id.isBlank());
        if (eventId.isEmpty()) {
            return new Verification.Rejected(Verification.Reason.MALFORMED, "X-Event-Id is missing");
        }
        try {
            return new Verification.Verified(read(eventId.get(), request.body(), request.header("X-Event-Type")));
        } catch (RuntimeException e) {
            return new Verification.Rejected(Verification.Reason.MALFORMED, "Unreadable Coinbase event: " + e.getMessage());
        }
    }

    @Override
    public ProviderEvent read(String eventId, byte[] verifiedBody) {
        return read(eventId, verifiedBody, Optional.empty());
    }

    private static ProviderEvent read(String eventId, byte[] body, Optional<String> headerType) {
        JsonNode resource;
        try {
            resource = CoinbaseHttp.JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (resource == null || !resource.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        String type = resource.hasNonNull("eventType") ? resource.get("eventType").asText()
                : headerType.orElseThrow(() -> new IllegalArgumentException("the event type is missing"));
        return new ProviderEvent(Coinbase.PROVIDER, eventId, type, Checkouts.fact(type, resource));
    }
}
