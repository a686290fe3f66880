package dev.payledger.core.inmemory;

import dev.payledger.core.inbox.EventInbox;
import dev.payledger.core.inbox.InboundEvent;
import dev.payledger.core.inbox.InboxState;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

final class InMemoryEventInbox implements EventInbox {
    private final Table<Long, InboundEvent> events;
    private final AtomicLong ids = new AtomicLong();

    InMemoryEventInbox(InMemoryTransactions transactions) {
        this.events = new Table<>(transactions);
    }

    @Override
    public Optional<InboundEvent> store(InboundEvent event) {
        return events.read(() -> {
            boolean duplicate = events.values().stream()
                    .anyMatch(e -> e.provider().equals(event.provider()) && e.eventId().equals(event.eventId()));
            if (duplicate) {
                return Optional.empty();
            }
            InboundEvent stored = new InboundEvent(ids.incrementAndGet(), event.provider(), event.eventId(),
                    event.type(), event.body(), event.receivedAt(), event.state(), event.attempts(), event.lastError(),
                    event.nextAttemptAt());
            events.put(stored.id(), stored);
            return Optional.of(stored);
        });
    }

    @Override
    public Optional<InboundEvent> find(long id) {
        return events.get(id);
    }

    @Override
    public List<InboundEvent> claimDue(Instant now, Instant leaseUntil, int limit) {
        return events.read(() -> {
            List<InboundEvent> due = events.values().stream()
                    .filter(e -> e.state() == InboxState.RECEIVED && !e.nextAttemptAt().isAfter(now))
                    .sorted(Comparator.comparing(InboundEvent::nextAttemptAt).thenComparing(InboundEvent::id))
                    .limit(limit).toList();
            return due.stream().map(e -> {
                InboundEvent claimed = with(e, InboxState.RECEIVED, e.attempts() + 1, e.lastError(), leaseUntil);
                events.put(e.id(), claimed);
                return claimed;
            }).toList();
        });
    }

    @Override
    public void finish(long id, InboxState state, Instant now) {
        if (state != InboxState.PROCESSED && state != InboxState.IGNORED) {
            throw new IllegalArgumentException("finish takes PROCESSED or IGNORED");
        }
        update(id, e -> with(e, state, e.attempts(), e.lastError(), now));
    }

    @Override
    public void fail(long id, String error, Optional<Instant> retryAt) {
        update(id, e -> with(e, retryAt.isPresent() ? InboxState.RECEIVED : InboxState.FAILED, e.attempts(),
                Optional.of(error), retryAt.orElse(e.nextAttemptAt())));
    }

    @Override
    public boolean replay(long id, Instant now) {
        return events.read(() -> {
            Optional<InboundEvent> event = events.get(id)
                    .filter(e -> e.state() == InboxState.FAILED || e.state() == InboxState.IGNORED);
            event.ifPresent(e -> events.put(id, with(e, InboxState.RECEIVED, 0, e.lastError(), now)));
            return event.isPresent();
        });
    }

    @Override
    public List<InboundEvent> list(InboxState state, int limit) {
        return events.values().stream().filter(e -> e.state() == state)
                .sorted(Comparator.comparingLong(InboundEvent::id).reversed()).limit(limit).toList();
    }

    @Override
    public Map<InboxState, Long> countByState() {
        Map<InboxState, Long> counts = new EnumMap<>(InboxState.class);
        for (InboxState state : InboxState.values()) {
            counts.put(state, 0L);
        }
        events.values().forEach(e -> counts.merge(e.state(), 1L, Long::sum));
        return counts;
    }

    private void update(long id, java.util.function.UnaryOperator<InboundEvent> change) {
        events.read(() -> {
            InboundEvent event = events.get(id).orElseThrow(() -> new IllegalArgumentException("No inbox event " + id));
            events.put(id, change.apply(event));
            return null;
        });
    }

    private static InboundEvent with(InboundEvent e, InboxState state, int attempts, Optional<String> error,
                                     Instant next) {
        return new InboundEvent(e.id(), e.provider(), e.eventId(), e.type(), e.body(), e.receivedAt(), state, attempts,
                error, next);
    }
}
