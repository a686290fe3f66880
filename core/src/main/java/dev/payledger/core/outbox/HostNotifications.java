package dev.payledger.core.outbox;

import dev.payledger.core.common.UnitOfWork;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Sends outbox events to the host application as signed webhooks, in sequence order, at least once. Each event
 * of a configured type is one {@code POST} with {@code PayLedger-Event-Id} (the outbox sequence: dedupe on it),
 * {@code PayLedger-Event-Type} and {@code PayLedger-Signature} ({@link NotificationSignature}). The durable
 * cursor moves past an event only after a 2xx, by compare-and-set, so several instances may run this; a failure
 * (non-2xx, timeout, refused connection) stops the round and the next attempt waits, doubling from
 * {@code firstRetry} up to {@code maxRetry}. Call {@link #deliverDue()} from a scheduler. Thread-safe.
 */
public final class HostNotifications {
    /** The cursor's name in {@link DeliveryCursors}. */
    public static final String CONSUMER = "host-notifications";
    private static final int BATCH = 100;

    private final Outbox outbox;
    private final UnitOfWork unitOfWork;
    private final DeliveryCursors cursors;
    private final Settings settings;
    private final Clock clock;
    private final HttpClient http;
    private int failures;
    private Instant nextAttempt = Instant.MIN;

    /**
     * @param url      where the host application receives notifications
     * @param secret   shared HMAC secret, at least 32 bytes
     * @param types    outbox event types to send ({@link #DEFAULT_TYPES}); others are passed over
     * @param timeout  per request
     */
    public record Settings(URI url, String secret, Set<String> types, Duration timeout, Duration firstRetry,
                           Duration maxRetry) {
        public Settings {
            Objects.requireNonNull(url, "url");
            if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new IllegalArgumentException("The notification secret must be at least 32 bytes");
            }
            types = Set.copyOf(types);
            if (timeout.isNegative() || timeout.isZero() || firstRetry.isNegative() || maxRetry.compareTo(firstRetry) < 0) {
                throw new IllegalArgumentException("Inconsistent notification timings");
            }
        }

        /** The default types, a 5 s timeout, retries after 1 s doubling up to 5 minutes. */
        public static Settings of(URI url, String secret) {
            return new Settings(url, secret, DEFAULT_TYPES, Duration.ofSeconds(5), Duration.ofSeconds(1),
                    Duration.ofMinutes(5));
        }
    }

    public static final Set<String> DEFAULT_TYPES = Set.of("payment.paid", "payment.failed", "payment.refunded",
            "wallet.credited");

    public HostNotifications(Outbox outbox, UnitOfWork unitOfWork, DeliveryCursors cursors, Settings settings,
                             Clock clock) {
        this.outbox = Objects.requireNonNull(outbox);
        this.unitOfWork = Objects.requireNonNull(unitOfWork);
        this.cursors = Objects.requireNonNull(cursors);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** What one round did: events sent, events passed over, and the failure that ended it early if any. */
    public record Round(int delivered, int passedOver, Optional<String> failure) {
    }

    /** Sends what is due (nothing while backing off); returns what it did. */
    public synchronized Round deliverDue() {
        if (clock.instant().isBefore(nextAttempt)) {
            return new Round(0, 0, Optional.of("backing off until " + nextAttempt));
        }
        int delivered = 0;
        int passedOver = 0;
        while (true) {
            long cursor = cursors.position(CONSUMER);
            List<OutboxEvent> page = unitOfWork.inTransaction(() -> outbox.readAfter(cursor, BATCH));
            if (page.isEmpty()) {
                return new Round(delivered, passedOver, Optional.empty());
            }
            long from = cursor;
            for (OutboxEvent event : page) {
                boolean wanted = settings.types().contains(event.type());
                if (wanted) {
                    Optional<String> failure = send(event);
                    if (failure.isPresent()) {
                        backOff();
                        return new Round(delivered, passedOver, failure);
                    }
                }
                if (!cursors.advance(CONSUMER, from, event.sequence())) {
                    return new Round(delivered, passedOver, Optional.of("another instance moved the cursor"));
                }
                from = event.sequence();
                if (wanted) {
                    delivered++;
                } else {
                    passedOver++;
                }
            }
        }
    }

    private Optional<String> send(OutboxEvent event) {
        byte[] body = NotificationBody.of(event);
        HttpRequest request = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("PayLedger-Event-Id", Long.toString(event.sequence()))
                .header("PayLedger-Event-Type", event.type())
                .header(NotificationSignature.HEADER, NotificationSignature.sign(settings.secret(), clock.instant(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                failures = 0;
                nextAttempt = Instant.MIN;
                return Optional.empty();
            }
            return Optional.of("event " + event.sequence() + ": the host answered " + status);
        } catch (IOException e) {
            return Optional.of("event " + event.sequence() + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private void backOff() {
        failures++;
        Duration delay = settings.firstRetry().multipliedBy(1L << Math.min(failures - 1, 20));
        nextAttempt = clock.instant().plus(delay.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : delay);
    }
}
