package dev.payledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/checkout: every refusal of the design's table, idempotency keys and the per-user rate limit. */
class CheckoutRoutesTest {
    private final TestApp app = TestApp.shared();
    private final String user = TestApp.newUser();
    private final String token = TestApp.token(user);

    @Test
    void unknownPackageIs404() {
        assertError(checkout("{\"package_id\":\"gold\",\"currency\":\"INR\"}"), 404, "package_not_found");
    }

    @Test
    void packageWithoutAPriceInTheCurrencyIs400() {
        assertError(checkout("{\"package_id\":\"starter\",\"currency\":\"EUR\",\"provider\":\"stripe\"}"), 400,
                "price_not_available");
    }

    @Test
    void providerNotEnabledIs400() {
        assertError(checkout("{\"package_id\":\"starter\",\"currency\":\"INR\",\"provider\":\"paypal\"}"), 400,
                "provider_not_enabled");
    }

    @Test
    void unknownOrderIs404() {
        assertError(checkout("{\"order_id\":\"ord_missing\"}"), 404, "order_not_found");
    }

    @Test
    void someoneElsesOrderIs403() {
        String order = placeOrder(TestApp.token(TestApp.newUser()));
        assertError(checkout("{\"order_id\":\"" + order + "\"}"), 403, "not_your_order");
    }

    @Test
    void cancelledOrderIs400() {
        String order = placeOrder(token);
        assertThat(app.post("/api/orders/" + order + "/cancel", token, "").json().path("fulfilment").asText())
                .isEqualTo("CANCELLED");
        assertError(checkout("{\"order_id\":\"" + order + "\"}"), 400, "order_cancelled");
    }

    @Test
    void alreadyPaidOrderIs400() {
        String order = placeOrder(token);
        TestApp.Reply started = checkout("{\"order_id\":\"" + order + "\",\"provider\":\"coinbase\"}");
        app.coinbase().pay(started.json().path("provider_ref").asText());
        TestApp.await("order paid", () -> app.get("/api/orders/" + order, token).json().path("payment_status")
                .asText().equals("PAID"));
        assertError(checkout("{\"order_id\":\"" + order + "\",\"provider\":\"stripe\"}"), 400, "order_already_paid");
        assertError(app.post("/api/orders/" + order + "/cancel", token, ""), 409, "illegal_transition");
    }

    @Test
    void providerFailureIs502WithASafeMessage() {
        app.razorpay().faults().failNext(10, 500);
        try {
            TestApp.Reply reply = checkout("{\"package_id\":\"pro\",\"currency\":\"INR\",\"provider\":\"razorpay\"}");
            assertError(reply, 502, "provider_unavailable");
            assertThat(reply.body()).doesNotContain("rzp_test_sandbox_secret").doesNotContain("127.0.0.1");
        } finally {
            app.razorpay().faults().reset();
        }
    }

    @Test
    void theAnswerTellsHowLongTheProviderTookAndTheMetricsCountTheCall() {
        app.razorpay().faults().delay(java.time.Duration.ofMillis(60));
        TestApp.Reply reply;
        try {
            reply = checkout("{\"package_id\":\"starter\",\"currency\":\"INR\",\"provider\":\"razorpay\"}");
        } finally {
            app.razorpay().faults().reset();
        }
        assertThat(reply.status()).isEqualTo(201);
        String timing = reply.header("Server-Timing");
        assertThat(timing).matches("provider;dur=\\d+\\.\\d{3}");
        // the adapter creates the order: one delayed call
        assertThat(Double.parseDouble(timing.substring("provider;dur=".length()))).isGreaterThanOrEqualTo(60);
        assertThat(app.get("/metrics", null).body()).contains("payledger_provider_calls_seconds_count{"
                + "operation=\"create_checkout\",outcome=\"ok\",provider=\"razorpay\"}");
    }

    @Test
    void aRefusedCheckoutSpentNoProviderTime() {
        TestApp.Reply reply = checkout("{\"package_id\":\"gold\",\"currency\":\"INR\"}");
        assertThat(reply.header("Server-Timing")).isEqualTo("provider;dur=0.000");
    }

    @Test
    void sameIdempotencyKeyAndBodyReplaysTheFirstAnswer() {
        String body = "{\"package_id\":\"starter\",\"currency\":\"USD\",\"provider\":\"stripe\"}";
        TestApp.Reply first = app.post("/api/checkout", token, body, "Idempotency-Key", "co-1");
        TestApp.Reply second = app.post("/api/checkout", token, body, "Idempotency-Key", "co-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIs422() {
        app.post("/api/checkout", token, "{\"package_id\":\"starter\",\"currency\":\"USD\",\"provider\":\"stripe\"}",
                "Idempotency-Key", "co-2");
        assertError(app.post("/api/checkout", token, "{\"package_id\":\"pro\",\"currency\":\"USD\",\"provider\":\"stripe\"}",
                "Idempotency-Key", "co-2"), 422, "idempotency_key_reused");
    }

    @Test
    void aRepeatWhileTheFirstRequestStillRunsIs409() throws Exception {
        String body = "{\"package_id\":\"starter\",\"currency\":\"INR\",\"provider\":\"razorpay\"}";
        app.razorpay().faults().delay(java.time.Duration.ofMillis(1500));
        try {
            java.util.concurrent.CompletableFuture<TestApp.Reply> first = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> app.post("/api/checkout", token, body, "Idempotency-Key", "co-slow"));
            Thread.sleep(500);
            assertError(app.post("/api/checkout", token, body, "Idempotency-Key", "co-slow"), 409, "request_in_progress");
            assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(201);
        } finally {
            app.razorpay().faults().reset();
        }
        assertThat(app.post("/api/checkout", token, body, "Idempotency-Key", "co-slow").header("Idempotent-Replayed"))
                .isEqualTo("true");
    }

    @Test
    void aRefusalIsReplayedUnderItsKeyToo() {
        TestApp.Reply first = app.post("/api/checkout", token, "{\"package_id\":\"gold\",\"currency\":\"INR\"}",
                "Idempotency-Key", "co-3");
        TestApp.Reply again = app.post("/api/checkout", token, "{\"package_id\":\"gold\",\"currency\":\"INR\"}",
                "Idempotency-Key", "co-3");
        assertError(again, 404, "package_not_found");
        assertThat(again.body()).isEqualTo(first.body());
    }

    @Test
    void aRepeatWithoutAKeyReusesTheOpenCheckout() {
        TestApp.Reply first = checkout("{\"package_id\":\"popular\",\"currency\":\"INR\"}");
        TestApp.Reply second = checkout("{\"package_id\":\"popular\",\"currency\":\"INR\"}");
        assertThat(first.json().path("provider").asText()).isEqualTo("razorpay");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("reused").asBoolean()).isTrue();
        assertThat(second.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
    }

    @Test
    void theEleventhCheckoutInAMinuteIs429WithRetryAfter() {
        for (int i = 0; i < 10; i++) {
            assertThat(checkout("{\"package_id\":\"nope\",\"currency\":\"INR\"}").status()).isEqualTo(404);
        }
        TestApp.Reply limited = checkout("{\"package_id\":\"nope\",\"currency\":\"INR\"}");
        assertError(limited, 429, "rate_limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void malformedBodiesAre400() {
        assertError(checkout("{not json"), 400, "invalid_json");
        assertError(checkout("{\"currency\":\"INR\"}"), 400, "invalid_request");
        assertError(checkout("{\"package_id\":\"starter\",\"currency\":\"XXXX\"}"), 400, "invalid_request");
    }

    @Test
    void aBodyRefusedBeforeTheCheckoutBeganLeavesItsIdempotencyKeyFree() {
        String key = "fix-the-typo-" + token.hashCode();
        assertError(app.post("/api/checkout", token, "{\"package_id\":\"starter\",\"currency\":\"IN\"}",
                "Idempotency-Key", key), 400, "invalid_request");
        assertError(app.post("/api/checkout", token, "{\"package_id\":\"starter\"", "Idempotency-Key", key), 400,
                "invalid_json");
        TestApp.Reply fixed = app.post("/api/checkout", token,
                "{\"package_id\":\"starter\",\"currency\":\"INR\",\"provider\":\"razorpay\"}", "Idempotency-Key", key);
        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(201);
        TestApp.Reply replayed = app.post("/api/checkout", token,
                "{\"package_id\":\"starter\",\"currency\":\"INR\",\"provider\":\"razorpay\"}", "Idempotency-Key", key);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.json().path("id").asText()).isEqualTo(fixed.json().path("id").asText());
    }

    @Test
    void aRefusalOfTheCheckoutItselfIsStoredUnderItsKey() {
        String key = "no-such-package-" + token.hashCode();
        assertError(app.post("/api/checkout", token, "{\"package_id\":\"nope\",\"currency\":\"INR\"}",
                "Idempotency-Key", key), 404, "package_not_found");
        TestApp.Reply again = app.post("/api/checkout", token, "{\"package_id\":\"nope\",\"currency\":\"INR\"}",
                "Idempotency-Key", key);
        assertError(again, 404, "package_not_found");
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertError(app.post("/api/checkout", token, "{\"package_id\":\"starter\",\"currency\":\"INR\"}",
                "Idempotency-Key", key), 422, "idempotency_key_reused");
    }

    private String placeOrder(String buyer) {
        TestApp.Reply placed = app.post("/api/orders", buyer, "{\"currency\":\"USD\",\"items\":[{\"sku\":\"visa-fee\"}]}");
        assertThat(placed.status()).isEqualTo(201);
        return placed.json().path("id").asText();
    }

    private TestApp.Reply checkout(String body) {
        return app.post("/api/checkout", token, body);
    }

    static void assertError(TestApp.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        JsonNode error = reply.json().path("error");
        assertThat(error.path("code").asText()).as(reply.toString()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
    }
}
