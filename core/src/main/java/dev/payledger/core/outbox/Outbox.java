package dev.payledger.core.outbox;

import java.util.List;

/**
 * Events to publish (to pages over SSE, to the host application's webhook), appended in the transaction of
 * the change they describe. Thread-safe.
 */
public interface Outbox {
    /** Appends inside the caller's transaction; returns the event with its sequence. */
    OutboxEvent append(OutboxEvent event);

    /** Events with {@code sequence > after}, in order, at most {@code limit}. */
    List<OutboxEvent> readAfter(long after, int limit);
}
