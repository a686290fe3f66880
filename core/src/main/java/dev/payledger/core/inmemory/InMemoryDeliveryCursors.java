package dev.payledger.core.inmemory;

import dev.payledger.core.outbox.DeliveryCursors;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link DeliveryCursors} in memory (not durable): for tests and embedders without a database. Thread-safe. */
public final class InMemoryDeliveryCursors implements DeliveryCursors {
    private final ConcurrentMap<String, Long> positions = new ConcurrentHashMap<>();

    @Override
    public long position(String consumer) {
        return positions.getOrDefault(consumer, 0L);
    }

    @Override
    public boolean advance(String consumer, long from, long to) {
        if (to <= from) {
            throw new IllegalArgumentException("A cursor only moves forward");
        }
        return from == 0 ? positions.putIfAbsent(consumer, to) == null || positions.replace(consumer, 0L, to)
                : positions.replace(consumer, from, to);
    }
}
