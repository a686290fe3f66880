package dev.payledger.core.batch;

import dev.payledger.core.outbox.Outbox;
import dev.payledger.core.outbox.OutboxEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An outbox that, inside {@link #deferring}, holds the calling thread's appends and writes them at the end of
 * that work, still in the same transaction. A store's outbox sequence is usually one counter row locked from
 * the first append until commit; writing a whole batch's events last holds that lock for the tail of the
 * batch instead of all of it. Appends outside {@code deferring} go straight through. Events held back are
 * returned with sequence 0 (nobody in the settlement path reads it). Thread-safe.
 */
final class DeferredOutbox implements Outbox {
    private final Outbox outbox;
    private final ThreadLocal<List<OutboxEvent>> held = new ThreadLocal<>();

    DeferredOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Runs {@code work}, then appends the events it appended; call inside a unit of work. */
    <T> T deferring(Supplier<T> work) {
        List<OutboxEvent> events = new ArrayList<>();
        held.set(events);
        T result;
        try {
            result = work.get();
        } finally {
            held.remove();
        }
        events.forEach(outbox::append);
        return result;
    }

    @Override
    public OutboxEvent append(OutboxEvent event) {
        List<OutboxEvent> events = held.get();
        if (events == null) {
            return outbox.append(event);
        }
        events.add(event);
        return event;
    }

    @Override
    public List<OutboxEvent> readAfter(long after, int limit) {
        return outbox.readAfter(after, limit);
    }
}
