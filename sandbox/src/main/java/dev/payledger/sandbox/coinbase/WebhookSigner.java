package dev.payledger.sandbox.coinbase;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Signs webhooks as Coinbase does: Hook0's {@code X-Hook0-Signature} for Coinbase Business, and the hex
 * HMAC-SHA256 of the body ({@code X-CC-Webhook-Signature}) for legacy Commerce. Stateless and thread-safe.
 */
public final class WebhookSigner {
    private WebhookSigner() {
    }

    /**
     * The {@code X-Hook0-Signature} value {@code t=…,v0=…,h=…,v1=…}: {@code v0} over {@code t.body},
     * {@code v1} over {@code t.h.values.body} where {@code values} are the named headers' values joined by
     * dots (a missing header counts as empty).
     *
     * @param signedHeaders the headers to sign, in order (names matched case-insensitively)
     */
    public static String hook0(String secret, long timestamp, byte[] body, List<String> signedHeaderNames,
                               Map<String, String> headers) {
        String t = Long.toString(timestamp);
        String v0 = hmacHex(secret, concat(t + ".", body));
        StringBuilder names = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (String name : signedHeaderNames) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (names.length() > 0) {
                names.append(' ');
                values.append('.');
            }
            names.append(lower);
            values.append(headerValue(headers, lower));
        }
        String v1 = hmacHex(secret, concat(t + "." + names + "." + values + ".", body));
        return "t=" + t + ",v0=" + v0 + ",h=" + names + ",v1=" + v1;
    }

    /** The legacy Commerce {@code X-CC-Webhook-Signature}: hex HMAC-SHA256 of the raw body. */
    public static String commerce(String secret, byte[] body) {
        return hmacHex(secret, body);
    }

    static String hmacHex(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String headerValue(Map<String, String> headers, String lowerName) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().toLowerCase(Locale.ROOT).equals(lowerName)) {
                return header.getValue();
            }
        }
        return "";
    }

    private static byte[] concat(String prefix, byte[] body) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }
}
