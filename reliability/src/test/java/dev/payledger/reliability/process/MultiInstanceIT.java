package dev.payledger.reliability.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.reliability.support.AppProcess;
import dev.payledger.reliability.support.Await;
import dev.payledger.reliability.support.Cluster;
import dev.payledger.reliability.support.Http;
import dev.payledger.reliability.support.WebhookCapture;
import dev.payledger.sandbox.razorpay.CheckoutResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three service processes on one PostgreSQL. 240 buyers pay a starter package (10 credits) by Razorpay; about
 * 2,000 webhook deliveries (each event three or more times, shuffled) go to random instances at once, together
 * with client confirmations (a quarter of the buyers) and reconciler runs; another quarter's webhooks are lost and
 * only the reconciler settles them. Every payment ends captured and credited exactly once, and
 * {@code verify-ledger} finds the ledger clean.
 */
class MultiInstanceIT {
    private static final int BUYERS = 240;
    private static final int DELIVERIES = 2_000;

    @TempDir
    Path directory;

    @Test
    void everyPaidPaymentIsCreditedExactlyOnceAcrossThreeInstances() throws Exception {
        Random random = new Random(9);
        try (Cluster cluster = Cluster.start(directory, Map.of())) {
            AppProcess first = cluster.add("instance-1");
            CompletableFuture<AppProcess> second = CompletableFuture.supplyAsync(() -> cluster.add("instance-2"));
            AppProcess third = cluster.add("instance-3");
            List<AppProcess> apps = List.of(first, second.join(), third);

            List<Callable<JsonNode>> checkouts = new ArrayList<>();
            for (int i = 0; i < BUYERS; i++) {
                int n = i;
                checkouts.add(() -> cluster.checkout(apps.get(n % 3), "buyer-" + n));
            }
            List<JsonNode> payments = Deliveries.runAll(8, checkouts);
            List<CheckoutResult> paid = new ArrayList<>();
            for (JsonNode payment : payments) {
                paid.add(cluster.razorpay().pay(payment.path("provider_ref").asText()));
            }
            int perPayment = Await.stable(Duration.ofSeconds(1), Duration.ofSeconds(60),
                    () -> cluster.capture().captured().size()) / BUYERS;
            assertThat(perPayment).isGreaterThanOrEqualTo(2);

            Set<String> lostOrders = new HashSet<>();
            for (int i = 1; i < BUYERS; i += 4) {
                lostOrders.add(payments.get(i).path("provider_ref").asText());
            }
            List<WebhookCapture.Captured> delivered = cluster.capture().captured().stream()
                    .filter(w -> lostOrders.stream().noneMatch(ref -> new String(w.body()).contains(ref)))
                    .collect(Collectors.toList());
            List<WebhookCapture.Captured> burst = new ArrayList<>();
            for (int copy = 0; copy < 3; copy++) {
                burst.addAll(delivered);
            }
            while (burst.size() < DELIVERIES) {
                burst.add(delivered.get(random.nextInt(delivered.size())));
            }
            Collections.shuffle(burst, random);

            List<Callable<Integer>> tasks = new ArrayList<>();
            for (WebhookCapture.Captured webhook : burst) {
                AppProcess target = apps.get(random.nextInt(3));
                tasks.add(() -> Deliveries.deliver(target, webhook));
            }
            for (int i = 0; i < BUYERS; i += 4) {
                JsonNode payment = payments.get(i);
                CheckoutResult result = paid.get(i);
                AppProcess target = apps.get(random.nextInt(3));
                tasks.add(random.nextInt(tasks.size()), () -> Http.json("POST", target.url("/api/payments/"
                        + payment.path("id").asText() + "/verify"), cluster.token(payment.path("user_id").asText(), false),
                        "{\"razorpay_order_id\":\"" + result.orderId() + "\",\"razorpay_payment_id\":\""
                                + result.paymentId() + "\",\"razorpay_signature\":\"" + result.signature() + "\"}").status());
            }
            for (int i = 0; i < 6; i++) {
                AppProcess target = apps.get(i % 3);
                tasks.add(random.nextInt(tasks.size()), () -> Http.json("POST", target.url("/api/admin/reconcile"),
                        cluster.token("ops", true), "{}").status());
            }
            long began = System.nanoTime();
            List<Integer> statuses = Deliveries.runAll(16, tasks);
            System.out.printf("%d webhooks per payment, %d unique delivered, %d requests in the burst in %d ms%n",
                    perPayment, delivered.size(), tasks.size(), (System.nanoTime() - began) / 1_000_000);
            assertThat(statuses).as("every delivery, confirmation and reconcile run answered 200").containsOnly(200);

            String lost = payments.stream().filter(p -> lostOrders.contains(p.path("provider_ref").asText()))
                    .map(p -> "'" + p.path("id").asText() + "'").collect(Collectors.joining(","));
            cluster.update("UPDATE payments SET created_at = created_at - interval '10 minutes', "
                    + "updated_at = updated_at - interval '10 minutes' WHERE id IN (" + lost + ")");
            Deliveries.runAll(3, apps.stream().<Callable<Integer>>map(app -> () -> Http.json("POST",
                    app.url("/api/admin/reconcile"), cluster.token("ops", true), "{}").status()).toList());
            Await.until("every payment is captured and the inbox is drained", Duration.ofSeconds(90), () ->
                    cluster.count("SELECT count(*) FROM payments WHERE status = 'CAPTURED'") == BUYERS
                            && cluster.count("SELECT count(*) FROM inbox_events WHERE state <> 'PROCESSED' "
                            + "AND state <> 'IGNORED'") == 0);

            assertThat(cluster.count("SELECT count(*) FROM wallets WHERE balance = 10 AND earned = 10")).isEqualTo(BUYERS);
            assertThat(cluster.count("SELECT count(*) FROM wallets")).isEqualTo(BUYERS);
            assertThat(cluster.count("SELECT count(*) FROM wallet_entries")).isEqualTo(BUYERS);
            assertThat(cluster.count("SELECT count(DISTINCT event_id) FROM inbox_events"))
                    .isEqualTo(delivered.stream().map(WebhookCapture.Captured::eventId).distinct().count());
            Map.Entry<Integer, String> verify = cluster.verifyLedger();
            assertThat(verify.getValue()).contains("Ledger is clean");
            assertThat(verify.getKey()).isZero();
        }
    }
}
