package dev.payledger.core.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The webhook inbox. Thread-safe; safe for several instances sharing one database (claiming is atomic).
 */
public interface EventInbox {
    /**
     * Stores a received event.
     *
     * @return the stored event with its id; empty if {@code (provider, eventId)} was stored before (a duplicate
     *     delivery), in which case nothing changed
     */
    Optional<InboundEvent> store(InboundEvent event);

    /**
     * {@link #store} for several events, in order (an event repeated in the list is stored once).
     *
     * @return per event, the stored event, or empty for a duplicate
     */
    default List<Optional<InboundEvent>> storeAll(List<InboundEvent> events) {
        List<Optional<InboundEvent>> stored = new ArrayList<>(events.size());
        for (InboundEvent event : events) {
            stored.add(store(event));
        }
        return stored;
    }

    Optional<InboundEvent> find(long id);

    /**
     * Claims up to {@code limit} RECEIVED events due at {@code now}, oldest first, counting an attempt and
     * pushing their {@code nextAttemptAt} to {@code leaseUntil}; two callers never claim the same event while
     * the lease holds.
     */
    List<InboundEvent> claimDue(Instant now, Instant leaseUntil, int limit);

    /** Ends the event as PROCESSED or IGNORED. */
    void finish(long id, InboxState state, Instant now);

    /** Records a failed attempt: due again at {@code retryAt}, or FAILED for good when {@code retryAt} is empty. */
    void fail(long id, String error, Optional<Instant> retryAt);

    /** Puts a FAILED (or IGNORED) event back to RECEIVED, due now, with its attempts reset. */
    boolean replay(long id, Instant now);

    /** Events in a state, newest first. */
    List<InboundEvent> list(InboxState state, int limit);

    /** How many events are in each state (PROCESSED and IGNORED grow with the history: on demand only). */
    java.util.Map<InboxState, Long> countByState();

    /**
     * How many events are in each of {@code states} (each one a key, zero when none). Counting the states an
     * operator acts on ({@code RECEIVED}, {@code FAILED}) stays cheap however long the history is, so a
     * periodic gauge counts only those; this default counts every state and keeps the asked ones.
     */
    default java.util.Map<InboxState, Long> countIn(java.util.Set<InboxState> states) {
        java.util.Map<InboxState, Long> counts = new java.util.EnumMap<>(InboxState.class);
        java.util.Map<InboxState, Long> all = countByState();
        states.forEach(state -> counts.put(state, all.getOrDefault(state, 0L)));
        return counts;
    }
}
