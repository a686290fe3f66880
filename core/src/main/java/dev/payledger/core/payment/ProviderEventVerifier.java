package dev.payledger.core.payment;

/**
 * Turns a provider's webhook into a verified {@link ProviderEvent}. One implementation per provider
 * adapter. Never throws for bad input: every malformed header or body is a {@link Verification.Rejected}.
 * Thread-safe.
 */
public interface ProviderEventVerifier {
    String provider();

    /** Checks the signature over the raw body (and the timestamp, where the scheme has one), then reads it. */
    Verification verify(WebhookRequest request);

    /**
     * Reads a body that was verified when it arrived (an event replayed from the inbox), without checking
     * the signature or its age again.
     *
     * @throws IllegalArgumentException when the body cannot be read
     */
    ProviderEvent read(String eventId, byte[] verifiedBody);
}
