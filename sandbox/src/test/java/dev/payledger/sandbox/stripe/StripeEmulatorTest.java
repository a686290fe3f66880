package dev.payledger.sandbox.stripe;

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
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class StripeEmulatorTest {
    private static final String FORM = "mode=payment&success_url=http%3A%2F%2Fshop.test%2Fdone%3Fs%3D%7BCHECKOUT_SESSION_ID%7D"
            + "&cancel_url=http%3A%2F%2Fshop.test%2Fcancel&client_reference_id=pay_1"
            + "&line_items[0][price_data][currency]=inr&line_items[0][price_data][unit_amount]=4900"
            + "&line_items[0][price_data][product_data][name]=Starter+pack&line_items[0][quantity]=1"
            + "&metadata[payment_id]=pay_1&payment_intent_data[metadata][payment_id]=pay_1";

    private final HttpClient http = HttpClient.newHttpClient();
    private StripeEmulator emulator;

    @BeforeEach
    void start() {
        emulator = StripeEmulator.start(0);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void createsAnOpenSessionFromNestedFormFields() throws Exception {
        HttpResponse<String> created = post("/v1/checkout/sessions", FORM, StripeEmulator.TEST_SECRET_KEY, null);

        JsonNode session = Json.read(created.body());
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(session.path("status").asText()).isEqualTo("open");
        assertThat(session.path("amount_total").asLong()).isEqualTo(4900);
        assertThat(session.path("currency").asText()).isEqualTo("inr");
        assertThat(session.path("metadata").path("payment_id").asText()).isEqualTo("pay_1");
        assertThat(session.path("url").asText()).startsWith(emulator.apiBase() + "/c/pay/cs_test_");
    }

    @Test
    void wrongKeyIsAnAuthenticationErrorInStripesShape() throws Exception {
        HttpResponse<String> answer = post("/v1/checkout/sessions", FORM, "sk_test_wrong", null);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(Json.read(answer.body()).path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void sameIdempotencyKeyReplaysAndOtherParametersAreRefused() throws Exception {
        String first = Json.read(post("/v1/checkout/sessions", FORM, StripeEmulator.TEST_SECRET_KEY, "k1").body())
                .path("id").asText();
        HttpResponse<String> again = post("/v1/checkout/sessions", FORM, StripeEmulator.TEST_SECRET_KEY, "k1");
        HttpResponse<String> other = post("/v1/checkout/sessions", FORM.replace("4900", "100"),
                StripeEmulator.TEST_SECRET_KEY, "k1");

        assertThat(Json.read(again.body()).path("id").asText()).isEqualTo(first);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(Json.read(other.body()).path("error").path("type").asText()).isEqualTo("idempotency_error");
    }

    @Test
    void unknownParameterIsRefused() throws Exception {
        HttpResponse<String> answer = post("/v1/checkout/sessions", FORM + "&colour=red", StripeEmulator.TEST_SECRET_KEY, null);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(Json.read(answer.body()).path("error").path("param").asText()).isEqualTo("colour");
    }

    @Test
    void payingOnTheHostedPageRedirectsAndSendsASignedWebhook() throws Exception {
        BlockingQueue<String[]> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String[]{exchange.getRequestHeaders().getFirst("Stripe-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            emulator.webhooks().target(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
            String id = Json.read(post("/v1/checkout/sessions", FORM, StripeEmulator.TEST_SECRET_KEY, null).body())
                    .path("id").asText();

            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(emulator.apiBase() + "/c/pay/" + id))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> paid = post("/c/pay/" + id + "/pay", "", null, null);

            assertThat(page.body()).contains("Pay by card");
            assertThat(paid.statusCode()).isEqualTo(303);
            assertThat(paid.headers().firstValue("Location")).contains("http://shop.test/done?s=" + id);
            String[] webhook = received.poll(5, TimeUnit.SECONDS);
            assertThat(webhook).isNotNull();
            JsonNode event = Json.read(webhook[1]);
            assertThat(event.path("type").asText()).isEqualTo("checkout.session.completed");
            assertThat(event.path("api_version").asText()).isEqualTo(StripeEmulator.API_VERSION);
            assertThat(event.path("data").path("object").path("payment_status").asText()).isEqualTo("paid");
            long t = Long.parseLong(webhook[0].substring(2, webhook[0].indexOf(',')));
            assertThat(webhook[0]).isEqualTo(StripeSignature.header(StripeEmulator.TEST_WEBHOOK_SECRET, t, webhook[1]));
            assertThat(t).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void refundsNeverExceedWhatWasPaid() throws Exception {
        String id = Json.read(post("/v1/checkout/sessions", FORM, StripeEmulator.TEST_SECRET_KEY, null).body())
                .path("id").asText();
        emulator.pay(id);
        String intent = emulator.session(id).path("payment_intent").asText();

        HttpResponse<String> partial = post("/v1/refunds", "payment_intent=" + intent + "&amount=900&metadata[refund_id]=r1",
                StripeEmulator.TEST_SECRET_KEY, null);
        HttpResponse<String> tooMuch = post("/v1/refunds", "payment_intent=" + intent + "&amount=4001",
                StripeEmulator.TEST_SECRET_KEY, null);
        HttpResponse<String> rest = post("/v1/refunds", "payment_intent=" + intent, StripeEmulator.TEST_SECRET_KEY, null);

        assertThat(Json.read(partial.body()).path("status").asText()).isEqualTo("succeeded");
        assertThat(Json.read(partial.body()).path("metadata").path("refund_id").asText()).isEqualTo("r1");
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        assertThat(Json.read(rest.body()).path("amount").asLong()).isEqualTo(4000);
        assertThat(emulator.events()).extracting(StripeEmulator.SentEvent::type)
                .containsSubsequence("checkout.session.completed", "refund.created", "charge.refunded",
                        "refund.created", "charge.refunded");
    }

    @Test
    void expiringTwiceIsRefused() throws Exception {
        String id = Json.read(post("/v1/checkout/sessions", FORM, StripeEmulator.TEST_SECRET_KEY, null).body())
                .path("id").asText();

        HttpResponse<String> first = post("/v1/checkout/sessions/" + id + "/expire", "", StripeEmulator.TEST_SECRET_KEY, null);
        HttpResponse<String> second = post("/v1/checkout/sessions/" + id + "/expire", "", StripeEmulator.TEST_SECRET_KEY, null);

        assertThat(Json.read(first.body()).path("status").asText()).isEqualTo("expired");
        assertThat(Json.read(first.body()).path("url").isNull()).isTrue();
        assertThat(second.statusCode()).isEqualTo(400);
    }

    @Test
    void sessionsExpireWhenTheirTimeIsUp() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        try (StripeEmulator timed = StripeEmulator.start(0, StripeEmulator.Settings.defaults().withClock(now::get))) {
            String id = Json.read(post(timed, "/v1/checkout/sessions", FORM + "&expires_at="
                    + now.get().plusSeconds(3600).getEpochSecond(), StripeEmulator.TEST_SECRET_KEY, null).body())
                    .path("id").asText();

            now.set(now.get().plusSeconds(3601));
            timed.sweepExpired();

            assertThat(timed.session(id).path("status").asText()).isEqualTo("expired");
            assertThat(timed.events()).extracting(StripeEmulator.SentEvent::type).containsExactly("checkout.session.expired");
        }
    }

    private HttpResponse<String> post(String path, String form, String key, String idempotencyKey)
            throws IOException, InterruptedException {
        return post(emulator, path, form, key, idempotencyKey);
    }

    private HttpResponse<String> post(StripeEmulator target, String path, String form, String key,
                                      String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.apiBase() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
