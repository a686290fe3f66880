package dev.payledger.razorpay;

import dev.payledger.core.payment.RefundId;

import java.nio.charset.StandardCharsets;

/** Derives Razorpay's {@code X-Refund-Idempotency} key from our refund id: one key per refund id, and back. */
final class RefundKeys {
    private static final String PREFIX = "payledger-";

    private RefundKeys() {
    }

    /**
     * {@code payledger-} and the refund id, with every character outside {@code [A-Za-z0-9-]} (the underscore
     * too) written as {@code _} and two hex digits: at least 10 characters of {@code [A-Za-z0-9_-]}, and two
     * different refund ids never share a key.
     */
    static String idempotencyKey(RefundId refundId) {
        StringBuilder key = new StringBuilder(PREFIX);
        for (byte b : refundId.value().getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                key.append(c);
            } else {
                key.append('_').append(String.format("%02x", b & 0xff));
            }
        }
        return key.toString();
    }
}
