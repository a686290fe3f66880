package dev.payledger.reliability.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.reliability.support.AppProcess;
import dev.payledger.reliability.support.Await;
import dev.payledger.reliability.support.Cluster;
import dev.payledger.reliability.support.Http;
import dev.payledger.reliability.support.RestartablePostgres;
import dev.payledger.reliability.support.WebhookCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database stops in the middle of a webhook load: the service answers 503 to every webhook (the provider keeps
 * it and retries; nothing is acknowledged and lost) and {@code /health} turns 503. The database comes back on the
 * same address: without a restart the service is healthy again, takes the retried webhooks and the rest, and
 * credits every payment once.
 */
class DatabaseOutageIT {
    private static final int BUYERS = 45;

    @TempDir
    Path directory;

    @Test
    void webhooksAnswer503WhileTheDatabaseIsDownAndTheServiceRecoversByItself() throws Exception {
        RestartablePostgres postgres = new RestartablePostgres(directory.resolve("postgres"));
        try (Cluster cluster = Cluster.on(directory, postgres.jdbcUrl(), postgres, Map.of())) {
            AppProcess app = cluster.add("outage");
            List<Callable<JsonNode>> checkouts = new ArrayList<>();
            for (int i = 0; i < BUYERS; i++) {
                int n = i;
                checkouts.add(() -> cluster.checkout(app, "outage-buyer-" + n));
            }
            for (JsonNode payment : Deliveries.runAll(6, checkouts)) {
                cluster.razorpay().pay(payment.path("provider_ref").asText());
            }
            List<WebhookCapture.Captured> events = Await.stable(Duration.ofSeconds(1), Duration.ofSeconds(60),
                    () -> cluster.capture().captured());
            int third = events.size() / 3;
            List<WebhookCapture.Captured> before = events.subList(0, third);
            List<WebhookCapture.Captured> during = events.subList(third, third + 24);
            List<WebhookCapture.Captured> after = events.subList(third + 24, events.size());
            assertThat(deliverAll(app, before)).containsOnly(200);

            postgres.stop();
            assertThat(deliverAll(app, during)).as("webhooks while the database is down").containsOnly(503);
            assertThat(health(app)).isEqualTo(503);

            postgres.start();
            Await.until("the service is healthy again", Duration.ofSeconds(60), () -> health(app) == 200);
            assertThat(deliverAll(app, during)).as("the provider's retries").containsOnly(200);
            assertThat(deliverAll(app, after)).containsOnly(200);
            Await.until("every payment is captured", Duration.ofSeconds(60), () ->
                    cluster.count("SELECT count(*) FROM payments WHERE status = 'CAPTURED'") == BUYERS
                            && cluster.count("SELECT count(*) FROM inbox_events WHERE state NOT IN ('PROCESSED', "
                            + "'IGNORED')") == 0);

            assertThat(cluster.count("SELECT count(*) FROM inbox_events")).isEqualTo(events.size());
            assertThat(cluster.count("SELECT count(*) FROM wallets WHERE balance = 10 AND earned = 10")).isEqualTo(BUYERS);
            assertThat(cluster.count("SELECT count(*) FROM wallet_entries")).isEqualTo(BUYERS);
            assertThat(cluster.verifyLedger().getKey()).isZero();
        }
    }

    private static List<Integer> deliverAll(AppProcess app, List<WebhookCapture.Captured> webhooks) throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        webhooks.forEach(w -> tasks.add(() -> Deliveries.deliver(app, w)));
        return Deliveries.runAll(12, tasks);
    }

    private static int health(AppProcess app) {
        try {
            return Http.send("GET", app.url("/health"), Map.of(), null).status();
        } catch (UncheckedIOException e) {
            return 0;
        }
    }
}
