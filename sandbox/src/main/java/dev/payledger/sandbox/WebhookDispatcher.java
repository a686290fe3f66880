package dev.payledger.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Delivers an emulator's signed webhooks to a configured URL in the background, retrying non-2xx answers
 * with back-off (a bounded number of times, as providers do over hours, compressed), and applying the
 * {@link WebhookKnobs}. With no target URL set, webhooks are recorded but not sent. Thread-safe.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 6;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler;
    private final WebhookKnobs knobs = new WebhookKnobs();
    private final List<OutgoingWebhook> held = new ArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Supplier<Instant> clock;
    private final Duration firstRetry;
    private volatile URI target;

    public WebhookDispatcher(String name, Supplier<Instant> clock, Duration firstRetry) {
        this.clock = clock;
        this.firstRetry = firstRetry;
        this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, name + "-webhooks");
            thread.setDaemon(true);
            return thread;
        });
    }

    public WebhookDispatcher(String name) {
        this(name, Instant::now, Duration.ofMillis(200));
    }

    /** Where webhooks go; null to record only. */
    public void target(URI url) {
        this.target = url;
    }

    public WebhookKnobs knobs() {
        return knobs;
    }

    /** Queues a webhook for delivery according to the knobs. */
    public void send(OutgoingWebhook webhook) {
        if (knobs.drop()) {
            deliveries.add(new Delivery(webhook.eventId(), webhook.type(), 0, -1, "dropped"));
            return;
        }
        if (knobs.hold()) {
            synchronized (held) {
                held.add(webhook);
            }
            return;
        }
        schedule(webhook, knobs.delay());
        if (knobs.duplicate()) {
            schedule(webhook, knobs.delay().plusMillis(50));
        }
    }

    /** Sends the held webhooks, in the order they were queued or reversed. */
    public void releaseHeld(boolean reversed) {
        List<OutgoingWebhook> batch;
        synchronized (held) {
            batch = new ArrayList<>(held);
            held.clear();
        }
        if (reversed) {
            Collections.reverse(batch);
        }
        long gap = 0;
        for (OutgoingWebhook webhook : batch) {
            schedule(webhook, Duration.ofMillis(gap));
            gap += 20;
        }
    }

    /** Every delivery attempt so far (for tests and the sandbox's status page). */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private void schedule(OutgoingWebhook webhook, Duration delay) {
        scheduler.schedule(() -> attempt(webhook, 1), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void attempt(OutgoingWebhook webhook, int attempt) {
        URI url = target;
        if (url == null) {
            deliveries.add(new Delivery(webhook.eventId(), webhook.type(), attempt, -1, "no target"));
            return;
        }
        int status;
        String outcome;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
            webhook.signedHeaders().apply(clock.get().getEpochSecond()).forEach(request::header);
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            outcome = "answered " + status;
        } catch (java.io.IOException e) {
            status = -1;
            outcome = "unreachable: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        deliveries.add(new Delivery(webhook.eventId(), webhook.type(), attempt, status, outcome));
        if ((status < 200 || status > 299) && attempt < MAX_ATTEMPTS && !scheduler.isShutdown()) {
            long backoff = firstRetry.toMillis() << (attempt - 1);
            scheduler.schedule(() -> attempt(webhook, attempt + 1), backoff, TimeUnit.MILLISECONDS);
        }
    }

    /** One delivery attempt: the receiver's status, or -1 when it was not reached. */
    public record Delivery(String eventId, String type, int attempt, int status, String outcome) {
    }
}
