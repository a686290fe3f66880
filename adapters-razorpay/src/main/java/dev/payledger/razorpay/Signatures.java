package dev.payledger.razorpay;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Razorpay's signatures: lowercase hex HMAC-SHA256, over {@code order_id|payment_id} with the key secret (the
 * Checkout callback) or over the raw webhook body with the webhook secret. Text is always UTF-8; comparisons
 * take constant time. Agrees with razorpay-java's {@code Utils}. Stateless and thread-safe.
 */
public final class Signatures {
    private Signatures() {
    }

    public static String hmacHex(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** What Checkout's {@code razorpay_signature} must be for this order and payment. */
    public static String payment(String orderId, String paymentId, String keySecret) {
        return hmacHex(keySecret, (orderId + "|" + paymentId).getBytes(StandardCharsets.UTF_8));
    }

    /** What {@code X-Razorpay-Signature} must be for these raw body bytes. */
    public static String webhook(byte[] rawBody, String webhookSecret) {
        return hmacHex(webhookSecret, rawBody);
    }

    /** Compares an expected signature with a given one in time independent of where they differ. */
    public static boolean matches(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
