package dev.payledger.reliability.catalogue;

import com.nimbusds.jose.JWSAlgorithm;
import dev.payledger.reliability.support.InProcessService;
import dev.payledger.reliability.support.Jwt;
import dev.payledger.reliability.support.Sign;
import dev.payledger.sandbox.coinbase.CoinbaseEmulator;
import dev.payledger.sandbox.razorpay.RazorpayEmulator;
import dev.payledger.sandbox.stripe.StripeEmulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.payledger.reliability.catalogue.Hostile.api;
import static dev.payledger.reliability.catalogue.Hostile.webhook;

/** The catalogue: webhooks first (per provider), then the API (tokens, checkout, orders, payments, refunds). */
final class HostileRequests {
    private static final String RZP = RazorpayEmulator.WEBHOOK_SECRET;
    private static final String STRIPE = StripeEmulator.TEST_WEBHOOK_SECRET;
    private static final String COINBASE = CoinbaseEmulator.TEST_WEBHOOK_SECRET;

    private HostileRequests() {
    }

    static List<Hostile> all(BadInputCatalogueTest.World w) {
        List<Hostile> all = new ArrayList<>();
        razorpayWebhooks(w, all);
        stripeWebhooks(all);
        coinbaseWebhooks(all);
        tokens(w, all);
        checkout(w, all);
        ordersPaymentsRefunds(w, all);
        return all;
    }

    static byte[] razorpayCaptured(String orderRef, String amount) {
        return ("{\"entity\":\"event\",\"account_id\":\"acc_hostile\",\"event\":\"payment.captured\",\"contains\":"
                + "[\"payment\"],\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_hostile1\",\"entity\":\"payment\","
                + "\"amount\":" + amount + ",\"currency\":\"INR\",\"status\":\"captured\",\"order_id\":\"" + orderRef
                + "\",\"method\":\"upi\",\"captured\":true,\"notes\":{},\"created_at\":1763700000}}},"
                + "\"created_at\":1763700000}").getBytes(StandardCharsets.UTF_8);
    }

    private static void razorpayWebhooks(BadInputCatalogueTest.World w, List<Hostile> all) {
        byte[] body = razorpayCaptured(w.bobOrderRef(), "4900");
        String good = Sign.razorpay(RZP, body);
        Map<String, String> id = Map.of("X-Razorpay-Event-Id", "evt_hostile_1");
        all.add(webhook("razorpay: no signature", "razorpay", id, body, 400, "missing_signature"));
        all.add(webhook("razorpay: empty signature", "razorpay", Map.of("X-Razorpay-Signature", "", "X-Razorpay-Event-Id",
                "evt_hostile_1"), body, 400, "missing_signature"));
        all.add(webhook("razorpay: forged signature", "razorpay", rzp("ab".repeat(32)), body, 400, "invalid_signature"));
        all.add(webhook("razorpay: truncated signature", "razorpay", rzp(good.substring(0, 40)), body, 400,
                "invalid_signature"));
        all.add(webhook("razorpay: valid signature over a different body", "razorpay",
                rzp(Sign.razorpay(RZP, razorpayCaptured(w.bobOrderRef(), "1"))), body, 400, "invalid_signature"));
        all.add(webhook("razorpay: signed with Stripe's secret", "razorpay", rzp(Sign.razorpay(STRIPE, body)), body, 400,
                "invalid_signature"));
        all.add(webhook("razorpay: signed with the API key secret", "razorpay",
                rzp(Sign.razorpay(RazorpayEmulator.KEY_SECRET, body)), body, 400, "invalid_signature"));
        byte[] invalidUtf8 = {'{', '"', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        all.add(webhook("razorpay: signed invalid UTF-8", "razorpay", rzp(Sign.razorpay(RZP, invalidUtf8)), invalidUtf8,
                400, "malformed"));
        byte[] nested = ("{\"a\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}").getBytes(StandardCharsets.UTF_8);
        all.add(webhook("razorpay: signed, 50,000 levels of nesting", "razorpay", rzp(Sign.razorpay(RZP, nested)), nested,
                400, "malformed"));
        byte[] huge = razorpayCaptured(w.bobOrderRef(), "1" + "0".repeat(400));
        all.add(webhook("razorpay: signed, an amount of 10^400", "razorpay", rzp(Sign.razorpay(RZP, huge)), huge, 400,
                "malformed"));
        byte[] negative = razorpayCaptured(w.bobOrderRef(), "-4900");
        all.add(webhook("razorpay: signed, a negative amount", "razorpay", rzp(Sign.razorpay(RZP, negative)), negative,
                400, "malformed"));
        byte[] array = "[]".getBytes(StandardCharsets.UTF_8);
        all.add(webhook("razorpay: signed JSON array", "razorpay", rzp(Sign.razorpay(RZP, array)), array, 400,
                "malformed"));
        all.add(webhook("razorpay: a stored event id again with another, signed body", "razorpay",
                Map.of("X-Razorpay-Signature", good, "X-Razorpay-Event-Id", w.storedRazorpayEventId()), body, 200, null));
        all.add(new Hostile("razorpay: text/plain", "POST", "/webhooks/razorpay", Map.of("Content-Type", "text/plain",
                "X-Razorpay-Signature", good), body, 415, "unsupported_media_type"));
        byte[] oversized = ("{\"pad\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        all.add(webhook("razorpay: 300 KiB body", "razorpay", rzp(Sign.razorpay(RZP, oversized)), oversized, 413,
                "payload_too_large"));
        all.add(webhook("unknown provider", "paypal", rzp(good), body, 404, null));
    }

    private static Map<String, String> rzp(String signature) {
        return Map.of("X-Razorpay-Signature", signature, "X-Razorpay-Event-Id", "evt_hostile_1");
    }

    private static void stripeWebhooks(List<Hostile> all) {
        byte[] body = ("{\"id\":\"evt_hostile\",\"object\":\"event\",\"api_version\":\"2026-08-26.dahlia\",\"created\":"
                + "1763700000,\"type\":\"checkout.session.completed\",\"data\":{\"object\":{\"id\":\"cs_test_hostile\","
                + "\"object\":\"checkout.session\",\"mode\":\"payment\",\"status\":\"complete\",\"payment_status\":"
                + "\"paid\",\"client_reference_id\":\"ord_x\",\"metadata\":{},\"amount_total\":99,\"currency\":\"usd\","
                + "\"payment_intent\":\"pi_hostile\"}}}").getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        all.add(webhook("stripe: no signature", "stripe", Map.of(), body, 400, "missing_signature"));
        all.add(webhook("stripe: timestamp an hour old", "stripe", stripe(Sign.stripe(STRIPE, now - 3600, body)), body,
                400, "stale_timestamp"));
        all.add(webhook("stripe: timestamp an hour ahead", "stripe", stripe(Sign.stripe(STRIPE, now + 3600, body)), body,
                400, "stale_timestamp"));
        all.add(webhook("stripe: signed with Razorpay's secret", "stripe", stripe(Sign.stripe(RZP, now, body)), body, 400,
                "invalid_signature"));
        all.add(webhook("stripe: v1 of a different body", "stripe", stripe(Sign.stripe(STRIPE, now,
                "{}".getBytes(StandardCharsets.UTF_8))), body, 400, "invalid_signature"));
        all.add(webhook("stripe: garbage header", "stripe", stripe("t=abc,v1=zz,,=="), body, 400, null));
        all.add(webhook("stripe: a v0 signature only", "stripe", stripe(Sign.stripe(STRIPE, now, body)
                .replace("v1=", "v0=")), body, 400, null));
    }

    private static Map<String, String> stripe(String header) {
        return Map.of("Stripe-Signature", header);
    }

    private static void coinbaseWebhooks(List<Hostile> all) {
        byte[] body = ("{\"id\":\"pl_hostile\",\"eventType\":\"payment_link.payment.success\",\"status\":\"COMPLETED\","
                + "\"amount\":\"0.99\",\"currency\":\"USDC\",\"metadata\":{}}").getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        all.add(webhook("coinbase: no signature", "coinbase", Map.of("X-Event-Id", "e1", "X-Event-Type",
                "payment_link.payment.success"), body, 400, "missing_signature"));
        all.add(webhook("coinbase: forged signature", "coinbase", coinbase("t=" + now + ",v0=" + "cd".repeat(32)), body,
                400, "invalid_signature"));
        all.add(webhook("coinbase: stale timestamp", "coinbase", coinbase(Sign.hook0(COINBASE, now - 3600, body)), body,
                400, "stale_timestamp"));
        all.add(webhook("coinbase: signed with the Commerce secret", "coinbase",
                coinbase(Sign.hook0(CoinbaseEmulator.TEST_COMMERCE_WEBHOOK_SECRET, now, body)), body, 400,
                "invalid_signature"));
    }

    private static Map<String, String> coinbase(String header) {
        return Map.of("X-Hook0-Signature", header, "X-Event-Id", "e1", "X-Event-Type", "payment_link.payment.success");
    }

    private static void tokens(BadInputCatalogueTest.World w, List<Hostile> all) {
        String body = "{\"package_id\":\"starter\",\"currency\":\"INR\",\"provider\":\"razorpay\"}";
        String secret = InProcessService.JWT_SECRET;
        all.add(api("checkout: no token", "POST", "/api/checkout", null, body, 401, "missing_token"));
        all.add(api("checkout: expired token", "POST", "/api/checkout", Jwt.sign(JWSAlgorithm.HS256, secret, "carol",
                false, Instant.now().minusSeconds(3600)), body, 401, "invalid_token"));
        all.add(api("checkout: alg=none token", "POST", "/api/checkout", Jwt.unsigned("carol"), body, 401,
                "invalid_token"));
        all.add(api("checkout: token signed with another secret", "POST", "/api/checkout", Jwt.sign(JWSAlgorithm.HS256,
                "another-secret-another-secret-0123456789", "carol", false, Instant.now().plusSeconds(600)), body, 401,
                "invalid_token"));
        all.add(api("checkout: HS512 token with the right secret (algorithm not pinned one)", "POST", "/api/checkout",
                Jwt.sign(JWSAlgorithm.HS512, secret + secret, "carol", false, Instant.now().plusSeconds(600)), body,
                401, "invalid_token"));
        all.add(api("checkout: Basic credentials", "POST", "/api/checkout", "Basic YWxpY2U6cGFzc3dvcmQ=", body, 401,
                "missing_token"));
        all.add(api("admin reconcile as a user", "POST", "/api/admin/reconcile", w.alice(), "{}", 403,
                "admin_required"));
        all.add(api("admin replay as a user", "POST", "/api/admin/inbox/1/replay", w.alice(), "{}", 403,
                "admin_required"));
    }

    private static void checkout(BadInputCatalogueTest.World w, List<Hostile> all) {
        all.add(api("checkout: a package id with SQL in it", "POST", "/api/checkout", w.bob(),
                "{\"package_id\":\"starter'; DROP TABLE payments; --\",\"currency\":\"INR\",\"provider\":\"razorpay\"}",
                400, "invalid_request"));
        all.add(api("checkout: a currency the package has no price in", "POST", "/api/checkout", w.bob(),
                "{\"package_id\":\"starter\",\"currency\":\"JPY\",\"provider\":\"razorpay\"}", 400,
                "price_not_available"));
        all.add(api("checkout: not a currency", "POST", "/api/checkout", w.bob(),
                "{\"package_id\":\"starter\",\"currency\":\"ZZZ\",\"provider\":\"razorpay\"}", 400, null));
        all.add(api("checkout: another user's order", "POST", "/api/checkout", w.bob(),
                "{\"order_id\":\"" + w.aliceOrder() + "\",\"provider\":\"razorpay\"}", 403, "not_your_order"));
        all.add(api("checkout: an order that does not exist", "POST", "/api/checkout", w.bob(),
                "{\"order_id\":\"ord_does_not_exist\",\"provider\":\"razorpay\"}", 404, "order_not_found"));
        all.add(api("checkout: a provider that is not enabled", "POST", "/api/checkout", w.bob(),
                "{\"package_id\":\"starter\",\"currency\":\"INR\",\"provider\":\"paypal\"}", 400,
                "provider_not_enabled"));
        all.add(api("checkout: not JSON", "POST", "/api/checkout", w.bob(), "{\"package_id\":", 400, "invalid_json"));
        all.add(api("checkout: a JSON array", "POST", "/api/checkout", w.bob(), "[1,2]", 400, "invalid_json"));
        all.add(api("checkout: invalid UTF-8", "POST", "/api/checkout", w.bob(), Map.of(),
                new byte[]{'{', '"', 'p', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'}, 400, null));
        all.add(api("checkout: 100,000 levels of nesting", "POST", "/api/checkout", w.bob(),
                "[".repeat(100_000) + "]".repeat(100_000), 400, "invalid_json"));
        all.add(api("checkout: package id as a number", "POST", "/api/checkout", w.bob(),
                "{\"package_id\":1e400,\"currency\":\"INR\"}", 400, "invalid_request"));
        all.add(api("checkout: replayed idempotency key with another body", "POST", "/api/checkout", w.bob(),
                Map.of("Idempotency-Key", "bob-checkout-1"), ("{\"package_id\":\"pro\",\"currency\":\"INR\","
                        + "\"provider\":\"razorpay\"}").getBytes(StandardCharsets.UTF_8), 422, "idempotency_key_reused"));
        all.add(api("checkout: a 300-character idempotency key", "POST", "/api/checkout", w.bob(),
                Map.of("Idempotency-Key", "k".repeat(300)), "{\"package_id\":\"pro\",\"currency\":\"INR\"}"
                        .getBytes(StandardCharsets.UTF_8), 400, "invalid_idempotency_key"));
        all.add(api("unlock: replayed idempotency key on another feature", "POST", "/api/features/dark-theme/unlock",
                w.alice(), Map.of("Idempotency-Key", "alice-unlock-1"), new byte[0], 422, "idempotency_key_reused"));
        all.add(api("unlock: a feature code with SQL in it", "POST", "/api/features/x'%20OR%20'1'='1/unlock", w.alice(),
                Map.of("Idempotency-Key", "alice-unlock-sql"), new byte[0], 400, "invalid_request"));
    }

    private static void ordersPaymentsRefunds(BadInputCatalogueTest.World w, List<Hostile> all) {
        for (String quantity : new String[]{"0", "-1", "100000000000000000000", "4294967297", "1e400", "\"many\""}) {
            all.add(api("order: quantity " + quantity, "POST", "/api/orders", w.bob(),
                    "{\"currency\":\"INR\",\"items\":[{\"sku\":\"visa-fee\",\"quantity\":" + quantity + "}]}", 400, null));
        }
        all.add(api("order: a sku with SQL in it", "POST", "/api/orders", w.bob(),
                "{\"currency\":\"INR\",\"items\":[{\"sku\":\"visa-fee' OR 1=1 --\",\"quantity\":1}]}", 400, null));
        String callback = "{\"razorpay_order_id\":\"" + w.alicePaid().orderId() + "\",\"razorpay_payment_id\":\""
                + w.alicePaid().paymentId() + "\",\"razorpay_signature\":\"" + w.alicePaid().signature() + "\"}";
        all.add(api("verify: a Razorpay callback for someone else's payment", "POST", "/api/payments/"
                + w.alicePayment() + "/verify", w.bob(), callback, 403, "not_your_payment"));
        all.add(api("verify: someone else's valid callback on one's own payment", "POST", "/api/payments/"
                + w.bobPayment() + "/verify", w.bob(), callback, 400, null));
        all.add(api("verify: a forged callback signature", "POST", "/api/payments/" + w.bobPayment() + "/verify", w.bob(),
                "{\"razorpay_order_id\":\"" + w.bobOrderRef() + "\",\"razorpay_payment_id\":\"pay_forged\","
                        + "\"razorpay_signature\":\"" + "ef".repeat(32) + "\"}", 400, "invalid_signature"));
        all.add(api("verify: a payment that does not exist", "POST", "/api/payments/pay_nope/verify", w.bob(), callback,
                404, "payment_not_found"));
        all.add(api("cancel: someone else's payment", "POST", "/api/payments/" + w.bobPayment() + "/cancel", w.alice(),
                "{}", 403, "not_your_payment"));
        all.add(api("read: a payment id with SQL in it", "GET", "/api/payments/x'%20OR%20'1'='1", w.alice(), null, 400,
                "invalid_request"));
        String refunds = "/api/payments/" + w.alicePayment() + "/refunds";
        all.add(api("refund: by a user", "POST", refunds, w.alice(), Map.of("Idempotency-Key", "r-user"),
                "{}".getBytes(StandardCharsets.UTF_8), 403, "admin_required"));
        all.add(api("refund: without an idempotency key", "POST", refunds, w.admin(), "{\"amount_minor\":100}", 400,
                "idempotency_key_required"));
        for (String amount : new String[]{"-100", "0", "9223372036854775807", "1e400", "\"all\""}) {
            all.add(api("refund: amount " + amount, "POST", refunds, w.admin(), Map.of("Idempotency-Key", "r" + amount),
                    ("{\"amount_minor\":" + amount + "}").getBytes(StandardCharsets.UTF_8), 400, null));
        }
        all.add(api("refund: a payment that does not exist", "POST", "/api/payments/pay_nope/refunds", w.admin(),
                Map.of("Idempotency-Key", "r-nope"), "{}".getBytes(StandardCharsets.UTF_8), 404, "payment_not_found"));
    }
}
