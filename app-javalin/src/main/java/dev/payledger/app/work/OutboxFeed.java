package dev.payledger.app.work;

import dev.payledger.app.http.EventHub;
import dev.payledger.app.http.Metrics;
import dev.payledger.core.Persistence;
import dev.payledger.core.outbox.OutboxEvent;

import java.util.List;

/**
 * Reads the outbox in order and hands each event to the SSE streams of its user; counts settlements for the
 * metrics. Starts after the events already stored (a restart does not replay history). Not thread-safe: one
 * scheduler thread calls {@link #poll()}.
 */
public final class OutboxFeed {
    private static final int BATCH = 500;

    private final Persistence store;
    private final EventHub hub;
    private final Metrics metrics;
    private long last;

    public OutboxFeed(Persistence store, EventHub hub, Metrics metrics) {
        this.store = store;
        this.hub = hub;
        this.metrics = metrics;
    }

    /** Moves past every event stored so far. */
    public void skipToEnd() {
        List<OutboxEvent> page;
        do {
            page = read();
            if (!page.isEmpty()) {
                last = page.get(page.size() - 1).sequence();
            }
        } while (page.size() == BATCH);
    }

    /** Publishes the events stored since the last call; returns how many. */
    public int poll() {
        int published = 0;
        List<OutboxEvent> page;
        do {
            page = read();
            for (OutboxEvent event : page) {
                if (event.type().equals("payment.paid")) {
                    metrics.settlement(event.data().getOrDefault("provider", "unknown"), "paid");
                } else if (event.type().equals("payment.needs_review")) {
                    metrics.settlement(event.data().getOrDefault("provider", "unknown"), "needs_review");
                }
                hub.publish(event);
                last = event.sequence();
                published++;
            }
        } while (page.size() == BATCH);
        return published;
    }

    private List<OutboxEvent> read() {
        return store.unitOfWork().inTransaction(() -> store.outbox().readAfter(last, BATCH));
    }
}
