package dev.payledger.coinbase;

import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks Hook0's {@code X-Hook0-Signature: t=…,v0=…,h=…,v1=…} as Coinbase Business sends it. {@code v1} (over the
 * timestamp, the signed header names and their values, and the raw body) is preferred whenever present, so a
 * correct {@code v0} beside a wrong {@code v1} is refused; {@code v0} (timestamp and body only) is accepted alone.
 * HMAC-SHA256 with the subscription secret's UTF-8 bytes, compared in constant time; the timestamp must be within
 * {@link #TOLERANCE} of the arrival time. Thread-safe.
 */
final class Hook0Signature {
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] secret;

    Hook0Signature(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Empty when the request is authentic and fresh, else the rejection. */
    Optional<Verification.Rejected> check(WebhookRequest request) {
        Optional<String> header = request.header("X-Hook0-Signature");
        if (header.isEmpty() || header.get().isBlank()) {
            return reject(Verification.Reason.MISSING_SIGNATURE, "X-Hook0-Signature is missing");
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : header.get().split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.putIfAbsent(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(parts.getOrDefault("t", ""));
        } catch (NumberFormatException e) {
            return reject(Verification.Reason.MALFORMED, "X-Hook0-Signature has no timestamp");
        }
        byte[] body = request.body();
        byte[] expected;
        String given;
        if (parts.containsKey("v1")) {
            String names = parts.getOrDefault("h", "");
            expected = hmac(signedPayload(timestamp, names, request, body));
            given = parts.get("v1");
        } else if (parts.containsKey("v0")) {
            expected = hmac(concat((timestamp + ".").getBytes(StandardCharsets.UTF_8), body));
            given = parts.get("v0");
        } else {
            return reject(Verification.Reason.MISSING_SIGNATURE, "X-Hook0-Signature has neither v1 nor v0");
        }
        if (!MessageDigest.isEqual(expected, hexOrEmpty(given))) {
            return reject(Verification.Reason.INVALID_SIGNATURE, "X-Hook0-Signature does not match");
        }
        long skew = Math.abs(request.receivedAt().getEpochSecond() - timestamp);
        if (skew > TOLERANCE.toSeconds()) {
            return reject(Verification.Reason.STALE_TIMESTAMP, "X-Hook0-Signature timestamp is " + skew + " s away");
        }
        return Optional.empty();
    }

    private static byte[] signedPayload(long timestamp, String names, WebhookRequest request, byte[] body) {
        StringBuilder prefix = new StringBuilder().append(timestamp).append('.').append(names).append('.');
        String[] headerNames = names.isBlank() ? new String[0] : names.trim().split(" +");
        for (int i = 0; i < headerNames.length; i++) {
            if (i > 0) {
                prefix.append('.');
            }
            prefix.append(request.header(headerNames[i].toLowerCase(Locale.ROOT)).orElse(""));
        }
        prefix.append('.');
        return concat(prefix.toString().getBytes(StandardCharsets.UTF_8), body);
    }

    private byte[] hmac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static byte[] hexOrEmpty(String hex) {
        try {
            return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] concat(byte[] head, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + body.length);
        out.writeBytes(head);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static Optional<Verification.Rejected> reject(Verification.Reason reason, String message) {
        return Optional.of(new Verification.Rejected(reason, message));
    }
}
