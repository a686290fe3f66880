package dev.payledger.app;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.payledger.app.CheckoutRoutesTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** When the database cannot be reached, health says so and webhooks get 503 so the provider retries. */
class DatabaseDownTest {
    @Test
    void unreachableDatabaseIs503ForHealthAndWebhooks() {
        try (TestApp app = TestApp.start(Map.of())) {
            assertThat(app.get("/health", null).status()).isEqualTo(200);
            app.app().backend().storage().dataSource().close();

            TestApp.Reply health = app.get("/health", null);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().path("database").asText()).isEqualTo("down");

            String body = Webhooks.capturedBody("order_whatever", 4900);
            TestApp.Reply webhook = app.postBytes("/webhooks/razorpay", body.getBytes(StandardCharsets.UTF_8),
                    Webhooks.headers(body, "evt_db_down"));
            assertError(webhook, 503, "database_unavailable");
            assertError(app.get("/api/wallet", TestApp.token(TestApp.newUser())), 503, "database_unavailable");
        }
    }
}
