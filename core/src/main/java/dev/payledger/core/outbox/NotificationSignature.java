package dev.payledger.core.outbox;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The {@code PayLedger-Signature} header of host notifications: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>" with the shared secret's UTF-8 bytes>}. {@link #verify} is what a receiver runs. Stateless.
 */
public final class NotificationSignature {
    public static final String HEADER = "PayLedger-Signature";

    private NotificationSignature() {
    }

    /** The header value for {@code body} sent at {@code timestamp}. */
    public static String sign(String secret, Instant timestamp, byte[] body) {
        long t = timestamp.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, t, body));
    }

    /**
     * True when {@code header} carries a {@code v1} that matches {@code body} (constant-time compare) and a
     * timestamp within {@code tolerance} of {@code now}. Never throws for a malformed header.
     */
    public static boolean verify(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        if (header == null) {
            return false;
        }
        long t = -1;
        byte[] given = null;
        for (String part : header.split(",")) {
            String item = part.trim();
            try {
                if (item.startsWith("t=")) {
                    t = Long.parseLong(item.substring(2));
                } else if (item.startsWith("v1=") && given == null) {
                    given = HexFormat.of().parseHex(item.substring(3));
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (t < 0 || given == null || Math.abs(now.getEpochSecond() - t) > tolerance.getSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, t, body), given);
    }

    private static byte[] hmac(String secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
