package dev.payledger.core.inmemory;

import dev.payledger.core.outbox.Outbox;
import dev.payledger.core.outbox.OutboxEvent;

import java.util.List;

final class InMemoryOutbox implements Outbox {
    private final Table<Long, OutboxEvent> events;

    InMemoryOutbox(InMemoryTransactions transactions) {
        this.events = new Table<>(transactions);
    }

    @Override
    public OutboxEvent append(OutboxEvent event) {
        return events.read(() -> {
            long next = events.values().size() + 1L;
            OutboxEvent stored = new OutboxEvent(next, event.type(), event.user(), event.subject(), event.data(),
                    event.occurredAt());
            events.put(next, stored);
            return stored;
        });
    }

    @Override
    public List<OutboxEvent> readAfter(long after, int limit) {
        return events.values().stream().filter(e -> e.sequence() > after).limit(limit).toList();
    }
}
