package dev.payledger.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.core.payment.ProviderEvent;
import dev.payledger.core.payment.ProviderEventVerifier;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Verifies legacy Coinbase Commerce webhooks: {@code X-CC-Webhook-Signature} is the hex HMAC-SHA256 of the raw
 * body with the shared secret (compared in constant time). The scheme has no timestamp, so replays are stopped
 * by the inbox's dedupe on the event id ({@code event.id} of the envelope). {@code charge:confirmed},
 * {@code charge:resolved} and {@code charge:delayed} settle; {@code charge:pending} is recorded; {@code charge:failed}
 * fails the attempt. Never throws from {@link #verify}. Thread-safe.
 */
public final class CommerceWebhookVerifier implements ProviderEventVerifier {
    private final byte[] secret;

    public CommerceWebhookVerifier(String webhookSecret) {
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("Coinbase Commerce webhook secret is missing or blank; set it in the configuration");
        }
        this.secret = webhookSecret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String provider() {
        return Coinbase.PROVIDER;
    }

    @Override
    public Verification verify(WebhookRequest request) {
        Optional<String> signature = request.header("X-CC-Webhook-Signature").filter(value -> !value.isBlank());
        if (signature.isEmpty()) {
            return new Verification.Rejected(Verification.Reason.MISSING_SIGNATURE, "X-CC-Webhook-Signature is missing");
        }
        byte[] body = request.body();
        if (!MessageDigest.isEqual(hmac(body), Hook0Signature.hexOrEmpty(signature.get().trim()))) {
            return new Verification.Rejected(Verification.Reason.INVALID_SIGNATURE, "X-CC-Webhook-Signature does not match");
        }
        try {
            JsonNode envelope = parse(body);
            return new Verification.Verified(read(Checkouts.required(envelope.path("event"), "id"), envelope));
        } catch (RuntimeException e) {
            return new Verification.Rejected(Verification.Reason.MALFORMED, "Unreadable Coinbase Commerce event: " + e.getMessage());
        }
    }

    @Override
    public ProviderEvent read(String eventId, byte[] verifiedBody) {
        return read(eventId, parse(verifiedBody));
    }

    private static ProviderEvent read(String eventId, JsonNode envelope) {
        JsonNode event = envelope.path("event");
        String type = Checkouts.required(event, "type");
        JsonNode charge = event.path("data");
        if (!charge.isObject()) {
            throw new IllegalArgumentException("the event carries no charge");
        }
        return new ProviderEvent(Coinbase.PROVIDER, eventId, type, CommerceCharges.fact(type, charge));
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode envelope = CoinbaseHttp.JSON.readTree(body);
            if (envelope == null || !envelope.isObject()) {
                throw new IllegalArgumentException("the body is not a JSON object");
            }
            return envelope;
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
