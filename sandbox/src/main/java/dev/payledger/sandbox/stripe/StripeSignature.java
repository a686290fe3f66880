package dev.payledger.sandbox.stripe;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Stripe's webhook signature: {@code t=<unix seconds>,v1=<lowercase hex HMAC-SHA256(secret, t + "." + body)>}.
 * Stateless and thread-safe.
 */
public final class StripeSignature {
    private StripeSignature() {
    }

    /** The {@code Stripe-Signature} header value for {@code body} sent at {@code epochSeconds}. */
    public static String header(String webhookSecret, long epochSeconds, String body) {
        return "t=" + epochSeconds + ",v1=" + v1(webhookSecret, epochSeconds, body);
    }

    /** The {@code v1} signature alone. */
    public static String v1(String webhookSecret, long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
