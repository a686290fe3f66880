package dev.payledger.reliability.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/** Webhook signatures as each provider computes them, written out from the providers' documentation. */
public final class Sign {
    private Sign() {
    }

    public static String hmacHex(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code X-Razorpay-Signature}: hex HMAC-SHA256 of the raw body. */
    public static String razorpay(String secret, byte[] body) {
        return hmacHex(secret, body);
    }

    /** {@code Stripe-Signature: t=…,v1=…} over {@code t + "." + body}. */
    public static String stripe(String secret, long epochSeconds, byte[] body) {
        return "t=" + epochSeconds + ",v1=" + hmacHex(secret, concat((epochSeconds + ".").getBytes(StandardCharsets.UTF_8), body));
    }

    /** {@code X-Hook0-Signature: t=…,v0=…} (timestamp and body only). */
    public static String hook0(String secret, long epochSeconds, byte[] body) {
        return "t=" + epochSeconds + ",v0=" + hmacHex(secret, concat((epochSeconds + ".").getBytes(StandardCharsets.UTF_8), body));
    }

    /** {@code X-CC-Webhook-Signature}: hex HMAC-SHA256 of the raw body. */
    public static String commerce(String secret, byte[] body) {
        return hmacHex(secret, body);
    }

    public static byte[] concat(byte[] head, byte[] tail) {
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
