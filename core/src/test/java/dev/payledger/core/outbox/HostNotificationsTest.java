package dev.payledger.core.outbox;

import com.sun.net.httpserver.HttpServer;
import dev.payledger.core.Persistence;
import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryDeliveryCursors;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.inmemory.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HostNotificationsTest {
    private static final String SECRET = "host-notification-secret-32-bytes-long!";

    private final Persistence store = InMemoryPersistence.create();
    private final InMemoryDeliveryCursors cursors = new InMemoryDeliveryCursors();
    private final ManualClock clock = ManualClock.at("2026-11-21T10:00:00Z");
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();
    private HttpServer receiver;

    record Received(String id, String type, String signature, byte[] body) {
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("PayLedger-Event-Id"),
                    exchange.getRequestHeaders().getFirst("PayLedger-Event-Type"),
                    exchange.getRequestHeaders().getFirst("PayLedger-Signature"), body));
            int status = failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void sendsTheConfiguredEventsInOrderSignedAndPassesOverTheOthers() {
        append("payment.paid", Map.of("payment_id", "pay_1", "credits", "10"));
        append("feature.unlocked", Map.of("feature", "dark-theme"));
        append("wallet.credited", Map.of("credits", "10", "note", "quote \" and \\ backslash"));

        HostNotifications.Round round = sender().deliverDue();

        assertThat(round.delivered()).isEqualTo(2);
        assertThat(round.passedOver()).isEqualTo(1);
        assertThat(received).extracting(Received::id).containsExactly("1", "3");
        assertThat(received).extracting(Received::type).containsExactly("payment.paid", "wallet.credited");
        for (Received r : received) {
            assertThat(NotificationSignature.verify(SECRET, r.signature(), r.body(), clock.instant(),
                    Duration.ofMinutes(5))).isTrue();
        }
        assertThat(new String(received.get(0).body(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"id\":\"1\",\"type\":\"payment.paid\",\"user_id\":\"u1\",\"subject\":\"s\","
                        + "\"occurred_at\":\"2026-11-21T10:00:00Z\",\"data\":{\"credits\":\"10\",\"payment_id\":\"pay_1\"}}");
        assertThat(new String(received.get(1).body(), StandardCharsets.UTF_8)).contains("\"note\":\"quote \\\" and \\\\ backslash\"");
        assertThat(cursors.position(HostNotifications.CONSUMER)).isEqualTo(3);
    }

    @Test
    void aFailingHostIsRetriedWithDoublingBackOffAndNothingIsSkipped() {
        append("payment.paid", Map.of("payment_id", "pay_1"));
        append("payment.refunded", Map.of("payment_id", "pay_1"));
        failuresToAnswer.set(2);
        HostNotifications sender = sender();

        assertThat(sender.deliverDue().failure()).hasValueSatisfying(f -> assertThat(f).contains("500"));
        assertThat(sender.deliverDue().delivered()).isZero();
        assertThat(received).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sender.deliverDue().failure()).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sender.deliverDue().delivered()).isZero();
        assertThat(received).hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sender.deliverDue().delivered()).isEqualTo(2);

        assertThat(received).extracting(Received::id).containsExactly("1", "1", "1", "2");
        assertThat(cursors.position(HostNotifications.CONSUMER)).isEqualTo(2);
    }

    @Test
    void anUnreachableHostLeavesTheCursorWhereItWas() {
        append("payment.failed", Map.of("payment_id", "pay_1"));
        receiver.stop(0);

        assertThat(sender().deliverDue().failure()).isPresent();
        assertThat(cursors.position(HostNotifications.CONSUMER)).isZero();
    }

    @Test
    void aSecondInstanceOnTheSameCursorDoesNotSendDeliveredEventsAgain() {
        append("payment.paid", Map.of("payment_id", "pay_1"));
        append("wallet.credited", Map.of("credits", "10"));

        sender().deliverDue();
        HostNotifications.Round second = sender().deliverDue();

        assertThat(second.delivered()).isZero();
        assertThat(received).hasSize(2);
    }

    @Test
    void theSignatureRefusesAnotherBodyAStaleTimestampAndAMalformedHeader() {
        byte[] body = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        String header = NotificationSignature.sign(SECRET, clock.instant(), body);
        Duration tolerance = Duration.ofMinutes(5);

        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(NotificationSignature.verify(SECRET, header, body, clock.instant(), tolerance)).isTrue();
        assertThat(NotificationSignature.verify(SECRET, header, "{\"id\":\"2\"}".getBytes(StandardCharsets.UTF_8),
                clock.instant(), tolerance)).isFalse();
        assertThat(NotificationSignature.verify(SECRET + "x", header, body, clock.instant(), tolerance)).isFalse();
        assertThat(NotificationSignature.verify(SECRET, header, body, clock.instant().plusSeconds(301), tolerance))
                .isFalse();
        assertThat(NotificationSignature.verify(SECRET, "t=x,v1=zz", body, clock.instant(), tolerance)).isFalse();
        assertThat(NotificationSignature.verify(SECRET, null, body, clock.instant(), tolerance)).isFalse();
    }

    private HostNotifications sender() {
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
        return new HostNotifications(store.outbox(), store.unitOfWork(), cursors,
                HostNotifications.Settings.of(url, SECRET), clock);
    }

    private void append(String type, Map<String, String> data) {
        store.unitOfWork().inTransaction(() -> store.outbox().append(
                OutboxEvent.of(type, new UserId("u1"), "s", data, clock.instant())));
    }
}
