package dev.payledger.stripe;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code Stripe-Signature} header, {@code t=<unix seconds>,v1=<hex>[,v1=…][,v0=…]}, read before stripe-java
 * sees it (stripe-java throws {@code NumberFormatException} and worse on some malformed headers): exactly one
 * well-formed {@code t}; items it does not know are ignored, as Stripe asks.
 */
record SignatureHeader(long timestamp, List<String> v1) {
    private static final int MAX_LENGTH = 4096;

    SignatureHeader {
        v1 = List.copyOf(v1);
    }

    /** Throws {@link IllegalArgumentException} with a message safe to log when the header is malformed. */
    static SignatureHeader parse(String header) {
        if (header.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Stripe-Signature header is too long");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String item : header.split(",", -1)) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = item.substring(0, eq).strip();
            String value = item.substring(eq + 1).strip();
            if (key.equals("t")) {
                if (timestamp != null) {
                    throw new IllegalArgumentException("Stripe-Signature header has two timestamps");
                }
                timestamp = parseTimestamp(value);
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null) {
            throw new IllegalArgumentException("Stripe-Signature header has no t= timestamp");
        }
        return new SignatureHeader(timestamp, signatures);
    }

    private static long parseTimestamp(String value) {
        if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("Stripe-Signature timestamp t= is not a number of seconds");
        }
        long seconds = Long.parseLong(value);
        if (seconds <= 0) {
            throw new IllegalArgumentException("Stripe-Signature timestamp t= is not positive");
        }
        return seconds;
    }
}
