package dev.payledger.stripe;

import com.stripe.net.Webhook;
import dev.payledger.core.payment.WebhookRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Stripe event bodies for tests, signed with stripe-java's own signer (an oracle independent of the sandbox). */
final class Events {
    static final String SECRET = "whsec_test_secret";
    /** {@code reference/stripe-checkout-completed.json}, byte for byte (vector S2). */
    static final String S2_BODY = "{\"id\":\"evt_1TEST\",\"object\":\"event\",\"api_version\":\"2026-08-26.dahlia\",\"created\":1700000000,\"type\":\"checkout.session.completed\",\"data\":{\"object\":{\"id\":\"cs_test_123\",\"object\":\"checkout.session\",\"mode\":\"payment\",\"status\":\"complete\",\"payment_status\":\"paid\",\"client_reference_id\":\"ORD-42\",\"metadata\":{\"order_id\":\"ORD-42\"},\"amount_total\":2000,\"currency\":\"usd\",\"payment_intent\":\"pi_123\"}}}";
    /** Vector S1. */
    static final String S1_BODY = "{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\"\n}";

    private Events() {
    }

    static String event(String id, String type, String apiVersion, String object) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"" + apiVersion + "\",\"created\":1700000000,"
                + "\"type\":\"" + type + "\",\"data\":{\"object\":" + object + "},\"livemode\":false}";
    }

    static String session(String status, String paymentStatus) {
        return "{\"id\":\"cs_test_1\",\"object\":\"checkout.session\",\"mode\":\"payment\",\"status\":\"" + status
                + "\",\"payment_status\":\"" + paymentStatus + "\",\"client_reference_id\":\"pay_1\",\"metadata\":"
                + "{\"payment_id\":\"pay_1\",\"order_id\":\"ord_1\"},\"amount_total\":4900,\"currency\":\"inr\","
                + "\"payment_intent\":\"pi_1\"}";
    }

    static String refund(String id, String status, long amount, long created) {
        return "{\"id\":\"" + id + "\",\"object\":\"refund\",\"amount\":" + amount + ",\"currency\":\"inr\",\"status\":\""
                + status + "\",\"payment_intent\":\"pi_1\",\"charge\":\"ch_1\",\"created\":" + created
                + ",\"failure_reason\":" + ("failed".equals(status) ? "\"declined\"" : "null")
                + ",\"metadata\":{\"refund_id\":\"rf_" + id + "\",\"payment_id\":\"pay_1\"}}";
    }

    static String header(String body, long t) {
        try {
            return Webhook.Signature.generateSignatureHeader(body, SECRET, t);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static WebhookRequest request(String body, String header, Instant receivedAt) {
        Map<String, String> headers = header == null ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "Stripe-Signature", header);
        return new WebhookRequest(headers, body.getBytes(StandardCharsets.UTF_8), receivedAt);
    }

    static WebhookRequest signed(String body, Instant receivedAt) {
        return request(body, header(body, receivedAt.getEpochSecond()), receivedAt);
    }
}
