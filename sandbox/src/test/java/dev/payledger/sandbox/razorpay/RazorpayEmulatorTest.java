package dev.payledger.sandbox.razorpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.payledger.sandbox.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class RazorpayEmulatorTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private RazorpayEmulator emulator;

    @BeforeEach
    void start() {
        emulator = RazorpayEmulator.start(0);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void refusesCallsWithoutTheKeyAndSecret() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/v1/orders/order_x"))
                .header("Authorization", basic("rzp_test_sandbox", "wrong")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Json.read(response.body()).at("/error/description").asText()).isEqualTo("Authentication failed");
    }

    @Test
    void rejectsAnOrderBelowOneRupeeWithRazorpaysErrorShape() throws Exception {
        HttpResponse<String> response = post("/v1/orders", "{\"amount\":99,\"currency\":\"INR\"}");

        JsonNode error = Json.read(response.body()).get("error");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error.get("code").asText()).isEqualTo("BAD_REQUEST_ERROR");
        assertThat(error.get("field").asText()).isEqualTo("amount");
        assertThat(error.get("reason").asText()).isEqualTo("input_validation_failed");
    }

    @Test
    void rejectsAReceiptLongerThanFortyCharacters() throws Exception {
        HttpResponse<String> response = post("/v1/orders",
                "{\"amount\":4900,\"currency\":\"INR\",\"receipt\":\"" + "r".repeat(41) + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.read(response.body()).at("/error/field").asText()).isEqualTo("receipt");
    }

    @Test
    void aLostOrderAnswerStillMakesTheOrderThatTheReceiptFinds() throws Exception {
        emulator.loseOrderAnswers(1);

        HttpResponse<String> lost = post("/v1/orders", "{\"amount\":4900,\"currency\":\"INR\",\"receipt\":\"pay-lost\"}");
        HttpResponse<String> next = post("/v1/orders", "{\"amount\":4900,\"currency\":\"INR\",\"receipt\":\"pay-next\"}");

        assertThat(lost.statusCode()).isEqualTo(502);
        assertThat(Json.read(lost.body()).at("/error/code").asText()).isEqualTo("SERVER_ERROR");
        JsonNode found = Json.read(get("/v1/orders?receipt=pay-lost").body());
        assertThat(found.get("count").asInt()).isEqualTo(1);
        assertThat(found.at("/items/0/amount").asLong()).isEqualTo(4900);
        assertThat(next.statusCode()).isEqualTo(200);
    }

    @Test
    void orderGoesFromCreatedToAttemptedToPaid() throws Exception {
        String orderId = createOrder(4900);
        assertThat(emulator.order(orderId).get("status").asText()).isEqualTo("created");

        emulator.fail(orderId);
        assertThat(emulator.order(orderId).get("status").asText()).isEqualTo("attempted");

        CheckoutResult paid = emulator.pay(orderId);
        JsonNode order = emulator.order(orderId);
        assertThat(order.get("status").asText()).isEqualTo("paid");
        assertThat(order.get("attempts").asInt()).isEqualTo(2);
        assertThat(emulator.payment(paid.paymentId()).get("status").asText()).isEqualTo("captured");
        JsonNode payments = Json.read(get("/v1/orders/" + orderId + "/payments").body());
        assertThat(payments.get("count").asInt()).isEqualTo(2);
    }

    @Test
    void withoutAutoCaptureAPaymentWaitsAuthorizedUntilCaptured() throws Exception {
        emulator.autoCapture(false);
        String orderId = createOrder(4900);
        CheckoutResult paid = emulator.pay(orderId);
        assertThat(emulator.payment(paid.paymentId()).get("status").asText()).isEqualTo("authorized");
        assertThat(emulator.order(orderId).get("status").asText()).isEqualTo("attempted");

        HttpResponse<String> captured = post("/v1/payments/" + paid.paymentId() + "/capture",
                "{\"amount\":4900,\"currency\":\"INR\"}");

        assertThat(captured.statusCode()).isEqualTo(200);
        assertThat(emulator.order(orderId).get("status").asText()).isEqualTo("paid");
        assertThat(post("/v1/payments/" + paid.paymentId() + "/capture", "{\"amount\":4900,\"currency\":\"INR\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void theSameRefundKeyAnswersTheSameRefundAndRefusesAnotherBody() throws Exception {
        CheckoutResult paid = emulator.pay(createOrder(10000));
        String path = "/v1/payments/" + paid.paymentId() + "/refund";

        HttpResponse<String> first = post(path, "{\"amount\":3000}", "X-Refund-Idempotency", "refund-key-0001");
        HttpResponse<String> again = post(path, "{\"amount\":3000}", "X-Refund-Idempotency", "refund-key-0001");
        HttpResponse<String> other = post(path, "{\"amount\":4000}", "X-Refund-Idempotency", "refund-key-0001");
        HttpResponse<String> shortKey = post(path, "{\"amount\":1000}", "X-Refund-Idempotency", "short");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Json.read(again.body()).get("id")).isEqualTo(Json.read(first.body()).get("id"));
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(shortKey.statusCode()).isEqualTo(400);
        assertThat(emulator.payment(paid.paymentId()).get("amount_refunded").asLong()).isEqualTo(3000);
    }

    @Test
    void aRefundKeyStillInFlightAnswers409() throws Exception {
        CheckoutResult paid = emulator.pay(createOrder(10000));
        emulator.refundLatency(Duration.ofMillis(600));
        String path = "/v1/payments/" + paid.paymentId() + "/refund";

        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return post(path, "{\"amount\":3000}", "X-Refund-Idempotency", "refund-key-0002").statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        HttpResponse<String> second = post(path, "{\"amount\":3000}", "X-Refund-Idempotency", "refund-key-0002");

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(first.get()).isEqualTo(200);
        assertThat(emulator.payment(paid.paymentId()).get("amount_refunded").asLong()).isEqualTo(3000);
    }

    @Test
    void sendsWebhooksSignedOverTheRawBodyWithAnEventId() throws Exception {
        List<String[]> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new String[]{new String(body, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("X-Razorpay-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Razorpay-Event-Id")});
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            emulator.webhookTarget(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
            emulator.pay(createOrder(4900));

            waitUntil(() -> received.size() >= 3);
            assertThat(received).allSatisfy(hook -> {
                assertThat(hook[1]).isEqualTo(Hmac.hex(RazorpayEmulator.WEBHOOK_SECRET, hook[0]));
                assertThat(hook[2]).hasSize(14);
            });
            assertThat(received).extracting(hook -> Json.read(hook[0]).get("event").asText())
                    .containsExactlyInAnyOrder("payment.authorized", "payment.captured", "order.paid");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void servesTheCheckoutScriptAndTheModal() throws Exception {
        String orderId = createOrder(4900);

        assertThat(get("/v1/checkout.js").body()).contains("window.Razorpay = Razorpay");
        String modal = get("/checkout/modal?key=" + RazorpayEmulator.KEY_ID + "&order_id=" + orderId + "&name=A%3Cb%3E").body();
        assertThat(modal).contains("₹49.00").contains(orderId).contains("A&lt;b&gt;").doesNotContain("disabled>");
    }

    @Test
    void theModalsPayButtonReturnsTheSignedCallback() throws Exception {
        String orderId = createOrder(4900);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/checkout/" + orderId + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("key=" + RazorpayEmulator.KEY_ID)).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode callback = Json.read(response.body());
        String paymentId = callback.get("razorpay_payment_id").asText();
        assertThat(callback.get("razorpay_signature").asText())
                .isEqualTo(Hmac.hex(RazorpayEmulator.KEY_SECRET, orderId + "|" + paymentId));
    }

    @Test
    void theUpiPageShowsTheOrderAndPaysItByUpi() throws Exception {
        String orderId = createOrder(14950);

        String page = get("/upi/" + orderId).body();
        HttpResponse<String> paid = http.send(HttpRequest.newBuilder(emulator.upiPageUri(orderId).resolve(orderId + "/pay"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page).contains("₹149.50").contains("action=\"/upi/" + orderId + "/pay\"");
        assertThat(paid.body()).contains("Paid: payment pay_");
        JsonNode payments = Json.read(get("/v1/orders/" + orderId + "/payments").body());
        assertThat(payments.at("/items/0/method").asText()).isEqualTo("upi");
        assertThat(emulator.order(orderId).get("status").asText()).isEqualTo("paid");
    }

    @Test
    void aDifferentAmountCanBePaidToProveTamperingIsCaught() throws Exception {
        String orderId = createOrder(4900);
        emulator.overridePaidAmount(100);

        CheckoutResult paid = emulator.pay(orderId);

        assertThat(emulator.payment(paid.paymentId()).get("amount").asLong()).isEqualTo(100);
    }

    @Test
    void listingByReceiptAnswersOnlyThatReceiptsOrdersNewestFirst() throws Exception {
        String first = createOrder(4900, "pay_A");
        createOrder(4900, "pay_B");
        String second = createOrder(5900, "pay_A");

        JsonNode listed = Json.read(get("/v1/orders?receipt=pay_A").body());

        assertThat(listed.get("count").asInt()).isEqualTo(2);
        assertThat(listed.at("/items/0/id").asText()).isEqualTo(second);
        assertThat(listed.at("/items/1/id").asText()).isEqualTo(first);
        assertThat(Json.read(get("/v1/orders?receipt=pay_none").body()).get("count").asInt()).isZero();
        assertThat(Json.read(get("/v1/orders").body()).get("count").asInt()).isEqualTo(3);
    }

    @Test
    void recordsItsOwnServiceTimePerRoute() throws Exception {
        createOrder(4900, "pay_T");
        createOrder(4900, "pay_T");
        get("/v1/orders?receipt=pay_T");
        // a call is recorded just after its answer is written, so the client can see the answer first
        waitUntil(() -> emulator.serviceTimes().counts().getOrDefault("GET /v1/orders", 0L) == 1L
                && emulator.serviceTimes().counts().getOrDefault("POST /v1/orders", 0L) == 2L);

        assertThat(emulator.serviceTimes().counts())
                .containsEntry("POST /v1/orders", 2L).containsEntry("GET /v1/orders", 1L);
        assertThat(emulator.serviceTimes().percentile("POST /v1/orders", 99)).isPositive();

        emulator.serviceTimes().reset();
        assertThat(emulator.serviceTimes().counts()).isEmpty();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private String createOrder(long paise) throws IOException, InterruptedException {
        return createOrder(paise, "pay_1");
    }

    private String createOrder(long paise, String receipt) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/v1/orders", "{\"amount\":" + paise + ",\"currency\":\"INR\",\"receipt\":\""
                + receipt + "\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.read(response.body()).get("id").asText();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(emulator.baseUri().resolve(path))
                .header("Authorization", basic(RazorpayEmulator.KEY_ID, RazorpayEmulator.KEY_SECRET)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(emulator.baseUri().resolve(path))
                .header("Authorization", basic(RazorpayEmulator.KEY_ID, RazorpayEmulator.KEY_SECRET))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
