package dev.payledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.payledger.core.outbox.NotificationSignature;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.payledger.app.TestApp.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PAYLEDGER_NOTIFY_URL: the host application hears about payments as signed webhooks. */
class HostNotificationsTest {
    private static final String SECRET = "host-notification-secret-0123456789abcdef";

    @Test
    void aPaidPurchaseIsNotifiedToTheHostSignedAndInOrder() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.createContext("/payledger-events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst(NotificationSignature.HEADER);
            boolean authentic = NotificationSignature.verify(SECRET, signature, body, Instant.now(), Duration.ofMinutes(5));
            if (authentic) {
                received.add(new ObjectMapper().readTree(body));
            }
            exchange.sendResponseHeaders(authentic ? 200 : 400, -1);
            exchange.close();
        });
        host.start();
        try (TestApp app = TestApp.start(Map.of("PAYLEDGER_NOTIFY_URL",
                "http://127.0.0.1:" + host.getAddress().getPort() + "/payledger-events", "PAYLEDGER_NOTIFY_SECRET", SECRET))) {
            String user = TestApp.newUser();
            TestApp.Reply checkout = app.post("/api/checkout", TestApp.token(user),
                    "{\"package_id\":\"starter\",\"currency\":\"INR\",\"provider\":\"razorpay\"}");
            assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);
            app.razorpay().payWithUpi(checkout.json().path("provider_ref").asText());

            await("the host hears payment.paid and wallet.credited for " + user, () -> received.stream()
                    .filter(event -> event.path("user_id").asText().equals(user)).count() >= 2);
            List<String> types = received.stream().filter(event -> event.path("user_id").asText().equals(user))
                    .map(event -> event.path("type").asText()).toList();
            assertThat(types).containsExactly("payment.paid", "wallet.credited");
        } finally {
            host.stop(0);
        }
    }

    @Test
    void aNotifyUrlWithoutAStrongSecretRefusesToStart() {
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("PAYLEDGER_NOTIFY_URL", "https://host.example/events"))))
                .hasMessageContaining("PAYLEDGER_NOTIFY_SECRET");
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("PAYLEDGER_NOTIFY_URL", "https://host.example/events",
                "PAYLEDGER_NOTIFY_SECRET", "short")))).hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("short");
    }
}
