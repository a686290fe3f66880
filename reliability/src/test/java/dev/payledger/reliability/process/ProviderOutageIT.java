package dev.payledger.reliability.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payledger.reliability.support.AppProcess;
import dev.payledger.reliability.support.Cluster;
import dev.payledger.reliability.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Razorpay answers 5xx, then too slowly (past the adapter's 15 s request timeout), on create and on fetch. The
 * buyer gets a clear 502 and no payment is left open locally; a payment whose webhooks were lost stays open while
 * the reconciler cannot ask, and the reconciler settles it, once, when the provider is back.
 */
class ProviderOutageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPEN = "SELECT count(*) FROM payments WHERE status IN ('CREATED', 'AUTHORIZED')";

    @TempDir
    Path directory;

    @Test
    void theBuyerGetsA502NothingIsLeftOpenAndTheReconcilerFinishesWhenTheProviderIsBack() throws Exception {
        try (Cluster cluster = Cluster.start(directory, Map.of("PAYLEDGER_RECONCILE_INTERVAL", "1h"))) {
            AppProcess app = cluster.add("provider-outage");
            String body = "{\"package_id\":\"starter\",\"currency\":\"INR\",\"provider\":\"razorpay\"}";

            cluster.razorpay().faults().failAlways(503);
            Http.Answer refused = Http.json("POST", app.url("/api/checkout"), cluster.token("buyer", false), body);
            assertThat(refused.status()).isEqualTo(502);
            assertThat(JSON.readTree(refused.body()).path("error").path("code").asText()).isEqualTo("provider_unavailable");
            assertThat(cluster.count(OPEN)).isZero();

            cluster.razorpay().faults().reset().delay(Duration.ofSeconds(20));
            assertThat(Http.json("POST", app.url("/api/checkout"), cluster.token("buyer", false), body).status())
                    .as("create timed out").isEqualTo(502);
            assertThat(cluster.count(OPEN)).isZero();

            cluster.razorpay().faults().reset();
            JsonNode payment = cluster.checkout(app, "buyer");
            cluster.razorpay().pay(payment.path("provider_ref").asText());
            cluster.update("UPDATE payments SET created_at = created_at - interval '10 minutes', "
                    + "updated_at = updated_at - interval '10 minutes' WHERE id = '" + payment.path("id").asText() + "'");

            cluster.razorpay().faults().failAlways(500);
            assertThat(reconcile(cluster, app).path("errors")).hasSize(1);
            cluster.razorpay().faults().reset().delay(Duration.ofSeconds(20));
            assertThat(reconcile(cluster, app).path("errors")).as("fetch timed out").hasSize(1);
            assertThat(cluster.count(OPEN)).isEqualTo(1);
            assertThat(cluster.count("SELECT count(*) FROM wallets")).isZero();

            cluster.razorpay().faults().reset();
            assertThat(reconcile(cluster, app).path("settled").asInt()).isEqualTo(1);
            assertThat(reconcile(cluster, app).path("settled").asInt()).isZero();
            assertThat(cluster.count("SELECT count(*) FROM payments WHERE status = 'CAPTURED'")).isEqualTo(1);
            assertThat(cluster.count("SELECT count(*) FROM wallets WHERE balance = 10 AND earned = 10")).isEqualTo(1);
            assertThat(cluster.count(OPEN)).isZero();
            assertThat(cluster.verifyLedger().getKey()).isZero();
        }
    }

    private static JsonNode reconcile(Cluster cluster, AppProcess app) throws Exception {
        Http.Answer answer = Http.json("POST", app.url("/api/admin/reconcile"), cluster.token("ops", true), "{}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
