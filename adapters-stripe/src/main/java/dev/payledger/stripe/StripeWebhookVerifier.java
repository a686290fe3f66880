package dev.payledger.stripe;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.payledger.core.payment.ProviderEvent;
import dev.payledger.core.payment.ProviderEventVerifier;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.Verification.Reason;
import dev.payledger.core.payment.WebhookRequest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Verifies Stripe webhooks with stripe-java's {@code Webhook.constructEvent} over the raw body, the endpoint
 * secret and the tolerance, measured from when the request arrived. Unlike stripe-java it also refuses
 * timestamps too far in the future. The dedupe id is the event id ({@code evt_…}). Never throws for bad input.
 * Thread-safe and stateless.
 */
public final class StripeWebhookVerifier implements ProviderEventVerifier {
    static final String HEADER = "Stripe-Signature";

    private final String secret;
    private final long toleranceSeconds;

    public StripeWebhookVerifier(String webhookSecret, Duration tolerance) {
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("Stripe: the webhook signing secret is not configured");
        }
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.getSeconds() <= 0) {
            throw new IllegalArgumentException("Stripe: the webhook tolerance must be at least a second");
        }
        this.secret = webhookSecret;
        this.toleranceSeconds = tolerance.getSeconds();
    }

    @Override
    public String provider() {
        return Stripe.NAME;
    }

    @Override
    public Verification verify(WebhookRequest request) {
        String header = request.header(HEADER).map(String::strip).orElse("");
        if (header.isEmpty()) {
            return new Verification.Rejected(Reason.MISSING_SIGNATURE, "No Stripe-Signature header");
        }
        SignatureHeader signature;
        String payload;
        try {
            signature = SignatureHeader.parse(header);
            payload = utf8(request.body());
        } catch (IllegalArgumentException e) {
            return new Verification.Rejected(Reason.MALFORMED, e.getMessage());
        }
        if (signature.v1().isEmpty()) {
            return new Verification.Rejected(Reason.MISSING_SIGNATURE, "Stripe-Signature header has no v1 signature");
        }
        long now = request.receivedAt().getEpochSecond();
        Event event;
        try {
            event = Webhook.constructEvent(payload, header, secret, toleranceSeconds,
                    Clock.fixed(request.receivedAt(), ZoneOffset.UTC));
        } catch (SignatureVerificationException e) {
            boolean old = signature.timestamp() < now - toleranceSeconds;
            return old && signedByUs(payload, header)
                    ? new Verification.Rejected(Reason.STALE_TIMESTAMP, "Stripe-Signature timestamp is more than "
                            + toleranceSeconds + " s old")
                    : new Verification.Rejected(Reason.INVALID_SIGNATURE, "Stripe-Signature does not match the body");
        } catch (RuntimeException e) {
            return new Verification.Rejected(Reason.MALFORMED, "The body is not a Stripe event");
        }
        if (signature.timestamp() > now + toleranceSeconds) {
            return new Verification.Rejected(Reason.STALE_TIMESTAMP, "Stripe-Signature timestamp is more than "
                    + toleranceSeconds + " s in the future");
        }
        try {
            return new Verification.Verified(EventFacts.read(event));
        } catch (RuntimeException e) {
            return new Verification.Rejected(Reason.MALFORMED, "Unreadable Stripe event: " + e.getMessage());
        }
    }

    @Override
    public ProviderEvent read(String eventId, byte[] verifiedBody) {
        Event event;
        try {
            event = Webhook.constructEventWithoutVerification(utf8(verifiedBody));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The body is not a Stripe event", e);
        }
        ProviderEvent read = EventFacts.read(event);
        if (!read.eventId().equals(eventId)) {
            throw new IllegalArgumentException("Stored Stripe event " + eventId + " holds event " + read.eventId());
        }
        return read;
    }

    private boolean signedByUs(String payload, String header) {
        try {
            return Webhook.Signature.verifyHeader(payload, header, secret, 0);
        } catch (SignatureVerificationException | RuntimeException e) {
            return false;
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("The body is not UTF-8", e);
        }
    }
}
