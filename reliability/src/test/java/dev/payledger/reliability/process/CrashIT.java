package dev.payledger.reliability.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.reliability.support.AppProcess;
import dev.payledger.reliability.support.Await;
import dev.payledger.reliability.support.Cluster;
import dev.payledger.reliability.support.WebhookCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service processes on one PostgreSQL; a burst of webhook deliveries (each event twice, shuffled) goes to both,
 * and one instance is killed with {@code kill -9} a third of the way through. The provider retries what got no
 * 2xx; the killed instance restarts; events it had stored but not finished are taken up again once their lease
 * runs out (the test moves {@code next_attempt_at} to now instead of waiting the two-minute lease). Every event that
 * got a 2xx is processed, every payment is credited exactly once and verify-ledger is clean.
 */
class CrashIT {
    private static final int BUYERS = 120;

    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedEventIsProcessedOnceAfterAKillNineAndRestart() throws Exception {
        Random random = new Random(5);
        try (Cluster cluster = Cluster.start(directory, Map.of())) {
            AppProcess victim = cluster.add("victim");
            AppProcess survivor = cluster.add("survivor");
            List<Callable<JsonNode>> checkouts = new ArrayList<>();
            for (int i = 0; i < BUYERS; i++) {
                int n = i;
                checkouts.add(() -> cluster.checkout(n % 2 == 0 ? victim : survivor, "crash-buyer-" + n));
            }
            for (JsonNode payment : Deliveries.runAll(6, checkouts)) {
                cluster.razorpay().pay(payment.path("provider_ref").asText());
            }
            Await.stable(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> cluster.capture().captured().size());
            List<WebhookCapture.Captured> events = cluster.capture().captured();
            List<WebhookCapture.Captured> burst = new ArrayList<>(events);
            burst.addAll(events);
            Collections.shuffle(burst, random);

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            List<WebhookCapture.Captured> unanswered = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger done = new AtomicInteger();
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (WebhookCapture.Captured webhook : burst) {
                AppProcess target = random.nextBoolean() ? victim : survivor;
                tasks.add(() -> {
                    if (done.incrementAndGet() == burst.size() / 3) {
                        victim.kill();
                    }
                    int status = Deliveries.deliver(target, webhook);
                    if (status / 100 == 2) {
                        acknowledged.add(webhook.eventId());
                    } else {
                        unanswered.add(webhook);
                    }
                    return status;
                });
            }
            List<Integer> statuses = Deliveries.runAll(8, tasks);
            assertThat(victim.alive()).isFalse();
            assertThat(unanswered).as("deliveries to the killed instance failed").isNotEmpty();
            System.out.printf("%d deliveries: %d acknowledged events, %d unanswered deliveries, statuses %s%n",
                    burst.size(), acknowledged.size(), unanswered.size(),
                    statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())));

            victim.start();
            for (WebhookCapture.Captured retry : unanswered) {
                int status = Deliveries.deliver(random.nextBoolean() ? victim : survivor, retry);
                assertThat(status).as("a retried delivery").isEqualTo(200);
                acknowledged.add(retry.eventId());
            }
            cluster.update("UPDATE inbox_events SET next_attempt_at = now() WHERE state = 'RECEIVED'");
            Await.until("the inbox is drained", Duration.ofSeconds(60), () ->
                    cluster.count("SELECT count(*) FROM inbox_events WHERE state NOT IN ('PROCESSED', 'IGNORED')") == 0);

            assertThat(acknowledged).hasSize(events.size());
            assertThat(cluster.count("SELECT count(*) FROM inbox_events")).isEqualTo(events.size());
            assertThat(cluster.count("SELECT count(*) FROM payments WHERE status = 'CAPTURED'")).isEqualTo(BUYERS);
            assertThat(cluster.count("SELECT count(*) FROM wallets WHERE balance = 10 AND earned = 10")).isEqualTo(BUYERS);
            assertThat(cluster.count("SELECT count(*) FROM wallet_entries")).isEqualTo(BUYERS);
            Map.Entry<Integer, String> verify = cluster.verifyLedger();
            assertThat(verify.getValue()).contains("Ledger is clean");
            assertThat(verify.getKey()).isZero();
        }
    }
}
