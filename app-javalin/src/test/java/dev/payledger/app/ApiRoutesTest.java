package dev.payledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.sandbox.razorpay.CheckoutResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.payledger.app.CheckoutRoutesTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The remaining routes and their errors: catalog, orders, payments, verify, cancel, refunds, wallet, features, ops. */
class ApiRoutesTest {
    private final TestApp app = TestApp.shared();
    private final String user = TestApp.newUser();
    private final String token = TestApp.token(user);

    @Test
    void catalogListsPackagesProductsFeaturesAndProviders() {
        JsonNode catalog = app.get("/api/catalog", null).json();
        assertThat(catalog.path("packages").toString()).contains("\"starter\"", "\"popular\"", "\"pro\"");
        assertThat(catalog.path("products").toString()).contains("visa-fee", "esim-10gb", "ADD_ON");
        assertThat(catalog.path("features").toString()).contains("export-csv");
        assertThat(catalog.path("providers").toString()).contains("razorpay", "stripe", "coinbase");
        assertThat(catalog.path("default_providers").path("INR").asText()).isEqualTo("razorpay");
    }

    @Test
    void ordersArePlacedFromTheCatalogAndMovedAlongByAnAdmin() {
        assertError(app.post("/api/orders", token, "{\"currency\":\"USD\",\"items\":[{\"sku\":\"gold\"}]}"), 400,
                "unknown_item");
        assertError(app.post("/api/orders", token, "{\"currency\":\"USD\",\"items\":[{\"sku\":\"esim-10gb\"}]}"), 400,
                "add_on_without_product");
        assertError(app.post("/api/orders", token, "{\"currency\":\"USD\",\"items\":[]}"), 400, "invalid_request");
        String order = app.post("/api/orders", token, "{\"currency\":\"USD\",\"items\":[{\"sku\":\"visa-fee\",\"quantity\":2}]}")
                .json().path("id").asText();
        assertThat(app.get("/api/orders/" + order, token).json().path("total").path("amount").asText()).isEqualTo("60.00");
        assertThat(app.get("/api/orders", token).json().path("orders").size()).isEqualTo(1);
        assertError(app.get("/api/orders/ord_nothing", token), 404, "order_not_found");
        String admin = TestApp.adminToken();
        assertError(app.post("/api/orders/" + order + "/deliver", admin, ""), 409, "illegal_transition");
        assertThat(app.post("/api/orders/" + order + "/confirm", admin, "").json().path("fulfilment").asText())
                .isEqualTo("CONFIRMED");
        assertError(app.post("/api/orders/ord_nothing/confirm", admin, ""), 404, "order_not_found");
    }

    @Test
    void verifyAnswersTheDesignsTable() {
        assertError(app.post("/api/payments/pay_nothing/verify", token, "{}"), 404, "payment_not_found");
        JsonNode payment = checkout("starter", "INR", "razorpay");
        String path = "/api/payments/" + payment.path("id").asText() + "/verify";
        String order = payment.path("provider_ref").asText();
        assertError(app.post(path, token, "{\"razorpay_order_id\":\"" + order + "\",\"razorpay_payment_id\":\"pay_1\","
                + "\"razorpay_signature\":\"00\"}"), 400, "invalid_signature");

        String failedPayment = app.razorpay().fail(order);
        assertError(app.post(path, token, callback(order, failedPayment, app.razorpay().callbackSignature(order,
                failedPayment))), 400, "payment_not_captured");

        JsonNode stripe = checkout("starter", "USD", "stripe");
        assertError(app.post("/api/payments/" + stripe.path("id").asText() + "/verify", token, "{}"), 400,
                "verify_not_supported");
    }

    @Test
    void aDismissedCheckoutIsCancelledOnceAndAPaidOneCannotBe() {
        assertError(app.post("/api/payments/pay_nothing/cancel", token, ""), 404, "payment_not_found");
        JsonNode payment = checkout("starter", "USD", "stripe");
        String path = "/api/payments/" + payment.path("id").asText() + "/cancel";
        assertThat(app.post(path, token, "").json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(app.post(path, token, "").status()).isEqualTo(200);

        JsonNode paid = checkout("pro", "INR", "razorpay");
        CheckoutResult result = app.razorpay().pay(paid.path("provider_ref").asText());
        app.post("/api/payments/" + paid.path("id").asText() + "/verify", token, callback(result.orderId(),
                result.paymentId(), result.signature()));
        assertError(app.post("/api/payments/" + paid.path("id").asText() + "/cancel", token, ""), 409, "payment_not_open");
        assertThat(app.get("/api/payments", token).json().path("payments").size()).isEqualTo(2);
    }

    @Test
    void refundsNeedAKeyAPaidPaymentAndAFittingAmount() {
        String admin = TestApp.adminToken();
        assertError(app.post("/api/payments/pay_x/refunds", admin, "{}"), 400, "idempotency_key_required");
        assertError(app.post("/api/payments/pay_nothing/refunds", admin, "{}", "Idempotency-Key", "r0"), 404,
                "payment_not_found");
        JsonNode open = checkout("starter", "USD", "stripe");
        assertError(app.post("/api/payments/" + open.path("id").asText() + "/refunds", admin, "{}",
                "Idempotency-Key", "r1-" + user), 409, "payment_not_refundable");

        JsonNode paid = checkout("starter", "INR", "razorpay");
        CheckoutResult result = app.razorpay().pay(paid.path("provider_ref").asText());
        app.post("/api/payments/" + paid.path("id").asText() + "/verify", token, callback(result.orderId(),
                result.paymentId(), result.signature()));
        String refunds = "/api/payments/" + paid.path("id").asText() + "/refunds";
        assertError(app.post(refunds, admin, "{\"amount_minor\":999999}", "Idempotency-Key", "r2-" + user), 400,
                "amount_too_large");
        // a refusal of the refund itself (it began: the payment was looked up) is stored under its key
        TestApp.Reply again = app.post(refunds, admin, "{\"amount_minor\":999999}", "Idempotency-Key", "r2-" + user);
        assertThat(again.errorCode()).isEqualTo("amount_too_large");
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertError(app.post(refunds, admin, "{\"amount_minor\":100}", "Idempotency-Key", "r2-" + user), 422,
                "idempotency_key_reused");
        assertThat(app.post("/api/features/ai-summary/unlock", token, "", "Idempotency-Key", "u1").status()).isEqualTo(200);
        assertError(app.post(refunds, admin, "{}", "Idempotency-Key", "r3-" + user), 409, "credits_already_spent");
        TestApp.Reply forced = app.post(refunds, admin, "{\"force\":true}", "Idempotency-Key", "r4-" + user);
        assertThat(forced.status()).as(forced.toString()).isEqualTo(201);
        assertThat(app.post(refunds, admin, "{\"force\":true}", "Idempotency-Key", "r4-" + user)
                .header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void aRefundBodyWithAnUnknownFieldOrAMistypedValueIsRefusedAndChangesNothing() {
        String admin = TestApp.adminToken();
        JsonNode paid = checkout("starter", "INR", "razorpay");
        CheckoutResult result = app.razorpay().pay(paid.path("provider_ref").asText());
        app.post("/api/payments/" + paid.path("id").asText() + "/verify", token, callback(result.orderId(),
                result.paymentId(), result.signature()));
        TestApp.await("credited", () -> app.get("/api/wallet", token).json().path("balance").asLong() == 10);
        String payment = "/api/payments/" + paid.path("id").asText();
        String[][] refused = {
                {"{\"amount\":500}", "unknown_field"},                     // a typo of amount_minor: was a FULL refund
                {"{\"amount_minor\":500,\"notes\":\"x\"}", "unknown_field"},
                {"{\"amount_minor\":\"500\"}", "invalid_request"},         // a string: was coerced to 500
                {"{\"amount_minor\":12.7}", "invalid_request"},            // a fraction: was truncated to 12
                {"{\"amount_minor\":100.0}", "invalid_request"},
                {"{\"amount_minor\":true}", "invalid_request"},
                {"{\"amount_minor\":null}", "invalid_request"},            // null must not mean "everything"
                {"{\"amount_minor\":100000000000000000000}", "invalid_request"},
                {"{\"force\":\"yes\"}", "invalid_request"},                // was silently false
                {"{\"force\":1}", "invalid_request"},
                {"{\"reason\":42}", "invalid_request"},
                {"{\"amount_minor\":1,\"amount_minor\":999}", "invalid_json"}, // ambiguous: was the last one
                {"{\"amount_minor\":0}", "invalid_amount"},
                {"{\"amount_minor\":-500}", "invalid_amount"},
                {"[1]", "invalid_json"},
        };
        String key = "strict-" + user; // a body refused before the refund began stores nothing under the key
        for (String[] body : refused) {
            TestApp.Reply reply = app.post(payment + "/refunds", admin, body[0], "Idempotency-Key", key);
            assertThat(reply.status()).as(body[0] + " -> " + reply).isEqualTo(400);
            assertThat(reply.errorCode()).as(body[0] + " -> " + reply).isEqualTo(body[1]);
            assertThat(reply.json().path("error").path("message").asText()).as(body[0]).isNotBlank();
        }
        JsonNode untouched = app.get(payment, token).json();
        assertThat(untouched.path("status").asText()).isEqualTo("CAPTURED");
        assertThat(untouched.path("refunded").path("amount_minor").asLong()).isZero();
        assertThat(untouched.path("refunds").size()).isZero();
        assertThat(app.razorpay().payment(result.paymentId()).path("amount_refunded").asLong()).isZero();
        assertThat(app.get("/api/wallet", token).json().path("balance").asLong()).isEqualTo(10);

        TestApp.Reply full = app.post(payment + "/refunds", admin, "{\"reason\":\"customer asked\",\"force\":false}",
                "Idempotency-Key", key);
        assertThat(full.status()).as(full.toString()).isEqualTo(201);
        assertThat(full.json().path("amount").path("amount_minor").asLong())
                .isEqualTo(paid.path("amount").path("amount_minor").asLong());
        assertThat(full.json().path("credits_clawed_back").asLong()).isEqualTo(10);
    }

    @Test
    void theStatementIsCursorPaginated() {
        JsonNode paid = checkout("starter", "INR", "razorpay");
        app.razorpay().pay(paid.path("provider_ref").asText());
        TestApp.await("credited", () -> app.get("/api/wallet", token).json().path("balance").asLong() == 10);
        for (int i = 0; i < 3; i++) {
            assertThat(app.post("/api/features/ai-summary/unlock", token, "", "Idempotency-Key", "s" + i).status())
                    .isEqualTo(200);
        }
        List<String> seen = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = app.get("/api/wallet/entries?limit=3" + cursor, token).json();
            page.path("entries").forEach(entry -> seen.add(entry.path("type").asText()));
            cursor = page.path("next_cursor").isNull() ? null : "&cursor=" + page.path("next_cursor").asText();
        } while (cursor != null);
        assertThat(seen).containsExactly("SPEND", "SPEND", "SPEND", "PURCHASE");
        assertThat(app.get("/api/wallet", token).json().path("spent").asLong()).isEqualTo(6);
        assertError(app.get("/api/wallet/entries?cursor=abc", token), 400, "invalid_request");
    }

    @Test
    void featuresNeedCreditsAKeyAndAKnownCode() {
        assertError(app.post("/api/features/export-csv/unlock", token, ""), 400, "idempotency_key_required");
        assertError(app.post("/api/features/export-csv/unlock", token, "", "Idempotency-Key", "f1"), 402,
                "insufficient_credits");
        assertError(app.post("/api/features/teleport/unlock", token, "", "Idempotency-Key", "f2"), 404,
                "feature_not_found");
        assertError(app.post("/api/features/export-csv/unlock", token, "", "Idempotency-Key", "has space"), 400,
                "invalid_idempotency_key");
        assertThat(app.get("/api/features", token).json().path("available").size()).isEqualTo(3);
    }

    @Test
    void adminSeesMetricsAndRunsTheReconciler() {
        String admin = TestApp.adminToken();
        JsonNode metrics = app.get("/api/admin/metrics", admin).json();
        assertThat(metrics.path("funnel").has("checkout_created")).isTrue();
        assertError(app.get("/api/admin/metrics?from=yesterday", admin), 400, "invalid_request");
        assertThat(app.post("/api/admin/reconcile", admin, "").json().has("checked")).isTrue();
        assertError(app.get("/api/admin/inbox?state=LOST", admin), 400, "invalid_request");
    }

    @Test
    void healthMetricsLandingPageAndUnknownRoutes() {
        assertThat(app.get("/health", null).json().path("database").asText()).isEqualTo("up");
        checkout("starter", "INR", "razorpay");
        String metrics = app.get("/metrics", null).body();
        assertThat(metrics).contains("payledger_checkouts_total", "payledger_http_requests_seconds_bucket",
                "payledger_inbox_events{state=\"RECEIVED\"", "payledger_inbox_events{state=\"FAILED\"");
        // the gauge counts the backlog, not the history (a count of every processed event would grow forever)
        assertThat(metrics).doesNotContain("state=\"PROCESSED\"");
        TestApp.Reply landing = app.get("/", null);
        assertThat(landing.body()).contains("Sandbox mode", "/openapi.json");
        assertError(app.get("/api/nothing-here", token), 404, "not_found");
        assertThat(app.get("/health", null).header("X-Request-Id")).isNotBlank();
    }

    private JsonNode checkout(String packageId, String currency, String provider) {
        TestApp.Reply reply = app.post("/api/checkout", token, "{\"package_id\":\"" + packageId + "\",\"currency\":\""
                + currency + "\",\"provider\":\"" + provider + "\"}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private static String callback(String order, String payment, String signature) {
        return "{\"razorpay_order_id\":\"" + order + "\",\"razorpay_payment_id\":\"" + payment
                + "\",\"razorpay_signature\":\"" + signature + "\"}";
    }
}
