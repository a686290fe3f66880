package dev.payledger.reliability.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.reliability.support.AppProcess;
import dev.payledger.reliability.support.Await;
import dev.payledger.reliability.support.Cluster;
import dev.payledger.reliability.support.Http;
import dev.payledger.reliability.support.Jwt;
import dev.payledger.reliability.support.Sign;
import dev.payledger.reliability.support.WebhookCapture;
import dev.payledger.sandbox.razorpay.CheckoutResult;
import dev.payledger.sandbox.razorpay.RazorpayEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the service jar at DEBUG through a full purchase (checkout, payment, webhooks, the client callback, a
 * refund, a forged webhook, an expired token, admin reads) plus a start-up refused for a too-short JWT secret,
 * then scans everything it printed (stdout and stderr) for every configured secret, every bearer token and every
 * webhook signature it was given.
 */
class SecretsInLogsIT {
    private static final String DB_PASSWORD = "db-password-must-not-leak-7731";

    @TempDir
    Path directory;

    @Test
    void noSecretTokenOrSignatureAppearsInTheLogs() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(Cluster.JWT_SECRET, RazorpayEmulator.KEY_SECRET,
                RazorpayEmulator.WEBHOOK_SECRET, DB_PASSWORD));
        try (Cluster cluster = Cluster.start(directory, Map.of("PAYLEDGER_LOG_LEVEL", "DEBUG",
                "PAYLEDGER_DB_PASSWORD", DB_PASSWORD))) {
            AppProcess app = cluster.add("logged");
            String buyer = cluster.token("logged-buyer", false);
            String admin = cluster.token("ops", true);
            secrets.add(buyer);
            secrets.add(admin);

            JsonNode payment = cluster.checkout(app, "logged-buyer");
            CheckoutResult paid = cluster.razorpay().pay(payment.path("provider_ref").asText());
            secrets.add(paid.signature());
            List<WebhookCapture.Captured> webhooks = Await.stable(Duration.ofSeconds(1), Duration.ofSeconds(30),
                    () -> cluster.capture().captured());
            for (WebhookCapture.Captured webhook : webhooks) {
                secrets.add(webhook.headers().get("X-Razorpay-Signature"));
                assertThat(Deliveries.deliver(app, webhook)).isEqualTo(200);
            }
            String id = payment.path("id").asText();
            assertThat(Http.json("POST", app.url("/api/payments/" + id + "/verify"), buyer, "{\"razorpay_order_id\":\""
                    + paid.orderId() + "\",\"razorpay_payment_id\":\"" + paid.paymentId() + "\",\"razorpay_signature\":\""
                    + paid.signature() + "\"}").status()).isEqualTo(200);
            Map<String, String> refund = new HashMap<>(Deliveries.json());
            refund.put("Authorization", "Bearer " + admin);
            refund.put("Idempotency-Key", "logged-refund-1");
            assertThat(Http.send("POST", app.url("/api/payments/" + id + "/refunds"), refund,
                    "{\"amount_minor\":1000}".getBytes(StandardCharsets.UTF_8)).status()).isIn(201, 202, 409);
            String forged = Sign.razorpay(RazorpayEmulator.WEBHOOK_SECRET, "{}".getBytes(StandardCharsets.UTF_8));
            secrets.add(forged);
            assertThat(Http.send("POST", app.url("/webhooks/razorpay"), Map.of("Content-Type", "application/json",
                    "X-Razorpay-Signature", forged), webhooks.get(0).body()).status()).isEqualTo(400);
            String expired = Jwt.sign(com.nimbusds.jose.JWSAlgorithm.HS256, Cluster.JWT_SECRET, "logged-buyer", false,
                    Instant.now().minusSeconds(600));
            secrets.add(expired);
            assertThat(Http.json("GET", app.url("/api/wallet"), expired, null).status()).isEqualTo(401);
            assertThat(Http.json("GET", app.url("/api/admin/inbox?state=PROCESSED"), admin, null).status()).isEqualTo(200);
            assertThat(Http.json("GET", app.url("/api/wallet"), buyer, null).status()).isEqualTo(200);
            app.close();

            Map<String, String> refused = new HashMap<>(cluster.environment());
            String shortSecret = "short-jwt-secret-leak-me";
            refused.put("PAYLEDGER_JWT_SECRET", shortSecret);
            secrets.add(shortSecret);
            Path refusedLog = directory.resolve("refused.log");
            assertThat(AppProcess.run(List.of("serve"), refused, refusedLog)).isEqualTo(2);

            String logs = Files.readString(app.log(), StandardCharsets.UTF_8) + Files.readString(refusedLog,
                    StandardCharsets.UTF_8);
            assertThat(logs).as("the scan saw a full flow").contains("webhook stored").contains("webhook rejected")
                    .contains("PAYLEDGER_JWT_SECRET");
            System.out.printf("scanned %d bytes of logs for %d secrets%n", logs.length(), secrets.size());
            for (String secret : secrets) {
                assertThat(logs).as("logs contain a secret").doesNotContain(secret);
            }
        }
    }
}
