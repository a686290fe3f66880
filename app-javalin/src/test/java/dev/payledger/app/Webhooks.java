package dev.payledger.app;

import dev.payledger.sandbox.razorpay.RazorpayEmulator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/** Razorpay webhooks signed as an outside tool would, with the sandbox's documented webhook secret. */
final class Webhooks {
    private Webhooks() {
    }

    static String capturedBody(String orderId, long paise) {
        return capturedBody(orderId, "pay_" + UUID.randomUUID().toString().substring(0, 14).replace("-", ""), paise);
    }

    /** {@code payment.captured} for Razorpay payment {@code paymentId} of {@code orderId}. */
    static String capturedBody(String orderId, String paymentId, long paise) {
        return "{\"entity\":\"event\",\"account_id\":\"acc_test\",\"event\":\"payment.captured\",\"contains\":[\"payment\"],"
                + "\"payload\":{\"payment\":{\"entity\":{\"id\":\"" + paymentId
                + "\",\"entity\":\"payment\",\"amount\":" + paise + ",\"currency\":\"INR\","
                + "\"status\":\"captured\",\"order_id\":\"" + orderId + "\",\"method\":\"upi\",\"captured\":true,"
                + "\"notes\":{},\"created_at\":1767674797}}},\"created_at\":1767674799}";
    }

    static Map<String, String> headers(String body, String eventId) {
        return Map.of("Content-Type", "application/json", "X-Razorpay-Event-Id", eventId,
                "X-Razorpay-Signature", sign(body, RazorpayEmulator.WEBHOOK_SECRET));
    }

    static String sign(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
