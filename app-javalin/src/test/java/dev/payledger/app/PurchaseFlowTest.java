package dev.payledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.sandbox.razorpay.CheckoutResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.payledger.app.TestApp.await;
import static org.assertj.core.api.Assertions.assertThat;

/** End to end through HTTP, the real adapters and each provider's emulator, as the sequence diagrams read. */
class PurchaseFlowTest {
    private final TestApp app = TestApp.shared();
    private final String user = TestApp.newUser();
    private final String token = TestApp.token(user);

    @AfterEach
    void resetKnobs() {
        app.razorpay().webhooks().knobs().reset();
        app.stripe().webhooks().knobs().reset();
        app.coinbase().webhooks().knobs().reset();
    }

    @Test
    void razorpayUpiPurchaseIsCreditedOnceByTheWebhook() {
        JsonNode payment = checkout("starter", "INR", "razorpay");
        assertThat(payment.path("checkout").path("key_id").asText()).isEqualTo("rzp_test_sandbox");
        String intent = payment.path("checkout").path("upi_intent").asText();
        assertThat(intent).startsWith("upi://pay?");
        assertThat(payment.path("checkout").has("qr_png")).as("no QR drawn while the checkout opens").isFalse();
        String qrUrl = payment.path("checkout").path("qr_png_url").asText();
        assertThat(qrUrl).isEqualTo("/api/payments/" + payment.path("id").asText() + "/qr.png");

        HttpResponse<byte[]> qr = app.getBytes(qrUrl, token);
        assertThat(qr.statusCode()).isEqualTo(200);
        assertThat(qr.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/png"));
        assertThat(qr.headers().firstValue("Cache-Control")).contains("private, max-age=1800");
        assertThat(UpiQrRouteTest.decode(qr.body())).isEqualTo(intent);

        app.razorpay().payWithUpi(payment.path("provider_ref").asText());

        awaitBalance(10);
        assertThat(status(payment)).isEqualTo("CAPTURED");
        assertThat(entries()).hasSize(1);
    }

    @Test
    void duplicateAndReorderedRazorpayWebhooksCreditOnce() {
        app.razorpay().webhooks().knobs().duplicate(true);
        JsonNode first = checkout("starter", "INR", "razorpay");
        app.razorpay().pay(first.path("provider_ref").asText());
        awaitBalance(10);

        app.razorpay().webhooks().knobs().reset().hold(true);
        JsonNode second = checkout("popular", "INR", "razorpay");
        app.razorpay().pay(second.path("provider_ref").asText());
        app.razorpay().webhooks().releaseHeld(true);
        awaitBalance(60);

        await("duplicate deliveries answered", () -> app.razorpay().webhooks().deliveries().stream()
                .filter(d -> d.status() == 200).count() >= 5);
        assertThat(wallet().path("balance").asLong()).isEqualTo(60);
        assertThat(entries()).hasSize(2);
        assertThat(app.get("/metrics", null).body()).contains("payledger_webhooks_total{outcome=\"duplicate\",provider=\"razorpay\"}");
    }

    @Test
    void razorpayCallbackThenWebhookCreditsOnce() {
        app.razorpay().webhooks().knobs().hold(true);
        JsonNode payment = checkout("pro", "INR", "razorpay");
        CheckoutResult paid = app.razorpay().pay(payment.path("provider_ref").asText());

        TestApp.Reply verified = app.post("/api/payments/" + id(payment) + "/verify", token, json(paid.callback()));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("status").asText()).isEqualTo("CAPTURED");
        assertThat(verified.json().path("already_verified").asBoolean()).isFalse();
        assertThat(wallet().path("balance").asLong()).isEqualTo(100);

        TestApp.Reply again = app.post("/api/payments/" + id(payment) + "/verify", token, json(paid.callback()));
        assertThat(again.json().path("already_verified").asBoolean()).isTrue();

        app.razorpay().webhooks().releaseHeld(false);
        await("held webhooks delivered", () -> app.razorpay().webhooks().deliveries().stream()
                .anyMatch(d -> d.type().equals("payment.captured") && d.status() == 200));
        assertThat(wallet().path("balance").asLong()).isEqualTo(100);
        assertThat(entries()).hasSize(1);
    }

    @Test
    void orderWithAnEsimAddOnIsPaidThroughStripe() {
        TestApp.Reply placed = app.post("/api/orders", token,
                "{\"currency\":\"USD\",\"items\":[{\"sku\":\"visa-fee\"},{\"sku\":\"esim-10gb\",\"quantity\":1}]}");
        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().path("total").path("amount_minor").asLong()).isEqualTo(3000 + 599);
        String orderId = placed.json().path("id").asText();

        TestApp.Reply started = app.post("/api/checkout", token, "{\"order_id\":\"" + orderId + "\"}");
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.json().path("provider").asText()).isEqualTo("stripe");
        assertThat(started.json().path("checkout").path("url").asText()).startsWith("http://127.0.0.1:");
        app.stripe().pay(started.json().path("provider_ref").asText());

        await("order paid", () -> app.get("/api/orders/" + orderId, token).json().path("payment_status").asText()
                .equals("PAID"));
        JsonNode order = app.get("/api/orders/" + orderId, token).json();
        assertThat(order.path("fulfilment").asText()).isEqualTo("CONFIRMED");
        assertThat(wallet().path("balance").asLong()).isZero();
        assertThat(app.post("/api/orders/" + orderId + "/ship", TestApp.adminToken(), "").json()
                .path("fulfilment").asText()).isEqualTo("SHIPPED");
    }

    @Test
    void coinbaseCryptoPurchaseIsCredited() {
        JsonNode payment = checkout("starter", "USD", "coinbase");
        assertThat(payment.path("checkout").toString()).contains("http://127.0.0.1:");
        app.coinbase().pay(payment.path("provider_ref").asText());
        awaitBalance(10);
        assertThat(status(payment)).isEqualTo("CAPTURED");
    }

    @Test
    void creditsUnlockAFeatureAndARefundClawsBack() {
        JsonNode payment = checkout("popular", "INR", "razorpay");
        app.razorpay().pay(payment.path("provider_ref").asText());
        awaitBalance(50);

        TestApp.Reply unlocked = app.post("/api/features/export-csv/unlock", token, "", "Idempotency-Key", "unlock-1");
        assertThat(unlocked.status()).isEqualTo(200);
        assertThat(unlocked.json().path("wallet").path("balance").asLong()).isEqualTo(45);
        TestApp.Reply replayed = app.post("/api/features/export-csv/unlock", token, "", "Idempotency-Key", "unlock-1");
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(wallet().path("balance").asLong()).isEqualTo(45);
        assertThat(app.get("/api/features", token).json().path("active").get(0).path("feature").asText())
                .isEqualTo("export-csv");

        TestApp.Reply refund = app.post("/api/payments/" + id(payment) + "/refunds", TestApp.adminToken(),
                "{\"amount_minor\":3980,\"reason\":\"partial\"}", "Idempotency-Key", "refund-" + user);
        assertThat(refund.status()).isEqualTo(201);
        assertThat(refund.json().path("credits_clawed_back").asLong()).isEqualTo(10);
        assertThat(wallet().path("balance").asLong()).isEqualTo(35);
        await("refund settled", () -> app.get("/api/payments/" + id(payment), token).json().path("status").asText()
                .equals("PARTIALLY_REFUNDED"));
    }

    @Test
    void eventStreamTellsThePageThePaymentIsPaid() throws Exception {
        EventStream stream = EventStream.open(app, token);
        EventStream stranger = EventStream.open(app, TestApp.token(TestApp.newUser()));
        try (stream; stranger) {
            JsonNode payment = checkout("starter", "INR", "razorpay");
            app.razorpay().pay(payment.path("provider_ref").asText());
            assertThat(stream.awaitEvent("payment.paid")).contains(id(payment));
            assertThat(stream.awaitEvent("wallet.credited")).contains("\"balance\":\"10\"");
            assertThat(stranger.received()).isEmpty();
        }
    }

    private JsonNode checkout(String packageId, String currency, String provider) {
        TestApp.Reply reply = app.post("/api/checkout", token, "{\"package_id\":\"" + packageId + "\",\"currency\":\""
                + currency + "\",\"provider\":\"" + provider + "\"}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private JsonNode wallet() {
        return app.get("/api/wallet", token).json();
    }

    private JsonNode entries() {
        return app.get("/api/wallet/entries", token).json().path("entries");
    }

    private void awaitBalance(long balance) {
        await("balance " + balance, () -> wallet().path("balance").asLong() == balance);
    }

    private String status(JsonNode payment) {
        return app.get("/api/payments/" + id(payment), token).json().path("status").asText();
    }

    private static String id(JsonNode payment) {
        return payment.path("id").asText();
    }

    private static String json(Map<String, String> fields) {
        return dev.payledger.app.http.Json.write(fields);
    }
}
