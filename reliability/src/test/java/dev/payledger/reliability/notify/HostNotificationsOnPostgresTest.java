package dev.payledger.reliability.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.payledger.core.PayLedger;
import dev.payledger.core.outbox.HostNotifications;
import dev.payledger.core.outbox.NotificationSignature;
import dev.payledger.jdbc.JdbiDeliveryCursors;
import dev.payledger.reliability.support.Await;
import dev.payledger.reliability.support.Http;
import dev.payledger.reliability.support.InProcessService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real purchase on PostgreSQL, then the host is told: {@code payment.paid} and {@code wallet.credited}, signed,
 * in order, after one refused attempt; the cursor is durable, so a second sender (another instance, or this one
 * after a restart) sends nothing again.
 */
class HostNotificationsOnPostgresTest {
    private static final String SECRET = "host-secret-for-notifications-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void aPurchaseIsNotifiedSignedInOrderOnceAfterARetry() throws Exception {
        List<String> types = new CopyOnWriteArrayList<>();
        List<String> ids = new CopyOnWriteArrayList<>();
        AtomicBoolean refuseFirst = new AtomicBoolean(true);
        HttpServer host = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        host.createContext("/payledger-events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean authentic = NotificationSignature.verify(SECRET, exchange.getRequestHeaders()
                    .getFirst("PayLedger-Signature"), body, Instant.now(), Duration.ofMinutes(5));
            ids.add(exchange.getRequestHeaders().getFirst("PayLedger-Event-Id"));
            types.add(authentic ? JSON.readTree(body).path("type").asText() : "FORGED");
            exchange.sendResponseHeaders(refuseFirst.getAndSet(false) ? 503 : 200, -1);
            exchange.close();
        });
        host.start();
        try (InProcessService service = InProcessService.start(directory, Map.of())) {
            String buyer = service.token("notified", false);
            JsonNode payment = JSON.readTree(Http.json("POST", service.url("/api/checkout"), buyer,
                    "{\"package_id\":\"starter\",\"currency\":\"INR\",\"provider\":\"razorpay\"}").body());
            service.sandbox().razorpay().orElseThrow().pay(payment.path("provider_ref").asText());
            Await.until("the wallet is credited", Duration.ofSeconds(30), () -> Http.json("GET",
                    service.url("/api/wallet"), buyer, null).body().contains("\"balance\":10"));

            HostNotifications first = sender(service, host);
            assertThat(first.deliverDue().failure()).hasValueSatisfying(f -> assertThat(f).contains("503"));
            Await.sleep(250);
            HostNotifications.Round round = first.deliverDue();

            assertThat(round.failure()).isEmpty();
            assertThat(types).containsExactly("payment.paid", "payment.paid", "wallet.credited");
            assertThat(ids.get(0)).isEqualTo(ids.get(1));
            assertThat(Long.parseLong(ids.get(2))).isGreaterThan(Long.parseLong(ids.get(1)));
            assertThat(sender(service, host).deliverDue().delivered()).isZero();
            assertThat(types).hasSize(3);
        } finally {
            host.stop(0);
        }
    }

    private static HostNotifications sender(InProcessService service, HttpServer host) {
        PayLedger payLedger = service.app().backend().payLedger();
        URI url = URI.create("http://127.0.0.1:" + host.getAddress().getPort() + "/payledger-events");
        return new HostNotifications(payLedger.persistence().outbox(), payLedger.persistence().unitOfWork(),
                JdbiDeliveryCursors.create(service.dataSource()), new HostNotifications.Settings(url, SECRET,
                HostNotifications.DEFAULT_TYPES, Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(1)),
                Clock.systemUTC());
    }
}
