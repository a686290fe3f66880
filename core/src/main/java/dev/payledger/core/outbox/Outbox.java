package dev.payledger.core.outbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Events to publish (to pages over SSE, to the host application's webhook), appended in the transaction of
 * the change they describe. Thread-safe.
 */
public interface Outbox {
    /** Appends inside the caller's transaction; returns the event with its sequence. */
    OutboxEvent append(OutboxEvent event);

    /** Appends the events in order inside the caller's transaction; this default appends one by one. */
    default List<OutboxEvent> appendAll(List<OutboxEvent> events) {
        List<OutboxEvent> appended = new ArrayList<>(events.size());
        for (OutboxEvent event : events) {
            appended.add(append(event));
        }
        return appended;
    }

    /** Events with {@code sequence > after}, in order, at most {@code limit}. */
    List<OutboxEvent> readAfter(long after, int limit);
}
