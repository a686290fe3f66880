package dev.payledger.bench.micro;

import dev.payledger.core.payment.WebhookRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Correctly signed webhooks of the three providers, built from the reference bodies (src/main/resources/webhooks)
 * with each provider's documented scheme, for benchmarks and load generators. Stateless.
 */
public final class SignedWebhooks {
    public static final String RAZORPAY_SECRET = "whsec_rzp_bench";
    public static final String STRIPE_SECRET = "whsec_stripe_bench";
    public static final String COINBASE_SECRET = "coinbase_bench_secret";

    private SignedWebhooks() {
    }

    /** {@code X-Razorpay-Signature}: hex HMAC-SHA256 of the raw body. */
    public static WebhookRequest razorpay(byte[] body, String eventId, Instant now) {
        return new WebhookRequest(Map.of("X-Razorpay-Signature", hmacHex(RAZORPAY_SECRET, body),
                "X-Razorpay-Event-Id", eventId, "Content-Type", "application/json"), body, now);
    }

    /** {@code Stripe-Signature: t=…,v1=…} over {@code t + "." + body}. */
    public static WebhookRequest stripe(byte[] body, Instant now) {
        long t = now.getEpochSecond();
        String v1 = hmacHex(STRIPE_SECRET, concat((t + ".").getBytes(StandardCharsets.UTF_8), body));
        return new WebhookRequest(Map.of("Stripe-Signature", "t=" + t + ",v1=" + v1), body, now);
    }

    /** Hook0 {@code X-Hook0-Signature: t=…,v0=…} over {@code t + "." + body}, as Coinbase Business sends it. */
    public static WebhookRequest coinbase(byte[] body, String eventId, Instant now) {
        long t = now.getEpochSecond();
        String v0 = hmacHex(COINBASE_SECRET, concat((t + ".").getBytes(StandardCharsets.UTF_8), body));
        return new WebhookRequest(Map.of("X-Hook0-Signature", "t=" + t + ",v0=" + v0, "X-Event-Id", eventId,
                "X-Event-Type", "payment_link.payment.success"), body, now);
    }

    public static byte[] body(String name) {
        try (InputStream in = SignedWebhooks.class.getResourceAsStream("/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No reference body " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String hmacHex(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
