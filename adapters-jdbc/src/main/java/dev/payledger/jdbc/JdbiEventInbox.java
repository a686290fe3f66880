package dev.payledger.jdbc;

import dev.payledger.core.inbox.EventInbox;
import dev.payledger.core.inbox.InboundEvent;
import dev.payledger.core.inbox.InboxState;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The webhook inbox in {@code inbox_events}, unique on {@code (provider, event_id)}. {@link #claimDue} locks
 * due rows with {@code FOR UPDATE SKIP LOCKED} and pushes them out by the lease in the same statement, so
 * workers of several instances never claim the same event. Thread-safe.
 */
final class JdbiEventInbox implements EventInbox {
    private static final String COLUMNS = "id, provider, event_id, type, body, received_at, state, attempts,"
            + " last_error, next_attempt_at";

    private final JdbiTransactions transactions;

    JdbiEventInbox(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<InboundEvent> store(InboundEvent event) {
        return transactions.withStatement(handle -> handle.createQuery("""
                        INSERT INTO inbox_events (provider, event_id, type, body, received_at, state, attempts,
                            last_error, next_attempt_at)
                        VALUES (:provider, :eventId, :type, :body, :receivedAt, :state, :attempts, :lastError, :next)
                        ON CONFLICT (provider, event_id) DO NOTHING
                        RETURNING\s""" + COLUMNS)
                .bind("provider", event.provider())
                .bind("eventId", event.eventId())
                .bind("type", event.type())
                .bind("body", event.body())
                .bind("receivedAt", Sql.at(event.receivedAt()))
                .bind("state", event.state().name())
                .bind("attempts", event.attempts())
                .bind("lastError", event.lastError().orElse(null))
                .bind("next", Sql.at(event.nextAttemptAt()))
                .map(JdbiEventInbox::event)
                .findOne());
    }

    /** One statement for the list; bodies travel as base64 text (no bytea[] binding needed). */
    @Override
    public List<Optional<InboundEvent>> storeAll(List<InboundEvent> events) {
        if (events.size() <= 1) {
            return events.stream().map(this::store).toList();
        }
        Base64.Encoder base64 = Base64.getEncoder();
        Map<String, InboundEvent> inserted = new HashMap<>();
        transactions.withStatement(handle -> handle.createQuery("""
                        INSERT INTO inbox_events (provider, event_id, type, body, received_at, state, attempts,
                            next_attempt_at)
                        SELECT provider, event_id, type, decode(body, 'base64'), received_at::timestamptz, state, attempts,
                            next_attempt_at::timestamptz
                        FROM unnest(:providers::text[], :eventIds::text[], :types::text[], :bodies::text[],
                            :receivedAt::text[], :states::text[], :attempts::int[], :next::text[]) WITH ORDINALITY
                            AS e (provider, event_id, type, body, received_at, state, attempts, next_attempt_at, n)
                        ORDER BY n
                        ON CONFLICT (provider, event_id) DO NOTHING
                        RETURNING\s""" + COLUMNS)
                .bind("providers", Sql.texts(events.stream().map(InboundEvent::provider).toList()))
                .bind("eventIds", Sql.texts(events.stream().map(InboundEvent::eventId).toList()))
                .bind("types", Sql.texts(events.stream().map(InboundEvent::type).toList()))
                .bind("bodies", Sql.texts(events.stream().map(e -> base64.encodeToString(e.body())).toList()))
                .bind("receivedAt", Sql.texts(events.stream().map(e -> text(e.receivedAt())).toList()))
                .bind("states", Sql.texts(events.stream().map(e -> e.state().name()).toList()))
                .bind("attempts", Sql.ints(events.stream().map(InboundEvent::attempts).toList()))
                .bind("next", Sql.texts(events.stream().map(e -> text(e.nextAttemptAt())).toList()))
                .map(JdbiEventInbox::event)
                .list()).forEach(event -> inserted.put(event.provider() + "\n" + event.eventId(), event));
        List<Optional<InboundEvent>> stored = new ArrayList<>(events.size());
        for (InboundEvent event : events) {
            stored.add(Optional.ofNullable(inserted.remove(event.provider() + "\n" + event.eventId())));
        }
        return stored;
    }

    private static String text(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }

    @Override
    public Optional<InboundEvent> find(long id) {
        return transactions.withStatement(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM inbox_events WHERE id = :id")
                .bind("id", id).map(JdbiEventInbox::event).findOne());
    }

    @Override
    public List<InboundEvent> claimDue(Instant now, Instant leaseUntil, int limit) {
        return transactions.withStatement(handle -> handle.createQuery("""
                        WITH due AS (
                            SELECT id, next_attempt_at AS due_at FROM inbox_events
                            WHERE state = 'RECEIVED' AND next_attempt_at <= :now
                            ORDER BY next_attempt_at, id LIMIT :limit
                            FOR UPDATE SKIP LOCKED)
                        UPDATE inbox_events e SET attempts = e.attempts + 1, next_attempt_at = :lease
                        FROM due WHERE e.id = due.id
                        RETURNING due.due_at, e.id, e.provider, e.event_id, e.type, e.body, e.received_at, e.state,
                            e.attempts, e.last_error, e.next_attempt_at""")
                .bind("now", Sql.at(now)).bind("lease", Sql.at(leaseUntil)).bind("limit", limit)
                .map((rs, context) -> Map.entry(Sql.instant(rs, "due_at"), event(rs, context)))
                .list().stream()
                .sorted(Map.Entry.<Instant, InboundEvent>comparingByKey()
                        .thenComparing(entry -> entry.getValue().id()))
                .map(Map.Entry::getValue)
                .toList());
    }

    @Override
    public void finish(long id, InboxState state, Instant now) {
        if (state != InboxState.PROCESSED && state != InboxState.IGNORED) {
            throw new IllegalArgumentException("finish takes PROCESSED or IGNORED");
        }
        requireOne(id, transactions.withStatement(handle -> handle
                .createUpdate("UPDATE inbox_events SET state = :state, next_attempt_at = :now WHERE id = :id")
                .bind("id", id).bind("state", state.name()).bind("now", Sql.at(now))
                .execute()));
    }

    @Override
    public void fail(long id, String error, Optional<Instant> retryAt) {
        requireOne(id, transactions.withStatement(handle -> handle.createUpdate("""
                        UPDATE inbox_events SET state = :state, last_error = :error,
                            next_attempt_at = coalesce(:retryAt, next_attempt_at)
                        WHERE id = :id""")
                .bind("id", id)
                .bind("state", retryAt.isPresent() ? InboxState.RECEIVED.name() : InboxState.FAILED.name())
                .bind("error", error)
                .bind("retryAt", Sql.at(retryAt))
                .execute()));
    }

    private static void requireOne(long id, int changed) {
        if (changed == 0) {
            throw new IllegalArgumentException("No inbox event " + id);
        }
    }

    @Override
    public boolean replay(long id, Instant now) {
        return transactions.withStatement(handle -> handle.createUpdate("""
                        UPDATE inbox_events SET state = 'RECEIVED', attempts = 0, next_attempt_at = :now
                        WHERE id = :id AND state IN ('FAILED', 'IGNORED')""")
                .bind("id", id).bind("now", Sql.at(now)).execute() == 1);
    }

    @Override
    public List<InboundEvent> list(InboxState state, int limit) {
        return transactions.withStatement(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM inbox_events WHERE state = :state ORDER BY id DESC LIMIT :limit")
                .bind("state", state.name()).bind("limit", limit).map(JdbiEventInbox::event).list());
    }

    @Override
    public Map<InboxState, Long> countByState() {
        Map<InboxState, Long> counts = new EnumMap<>(InboxState.class);
        for (InboxState state : InboxState.values()) {
            counts.put(state, 0L);
        }
        transactions.withStatement(handle -> handle
                .createQuery("SELECT state, count(*) AS count FROM inbox_events GROUP BY state")
                .map((rs, context) -> Map.entry(InboxState.valueOf(rs.getString("state")), rs.getLong("count")))
                .list()).forEach(count -> counts.put(count.getKey(), count.getValue()));
        return counts;
    }

    /** One index-only range per state on {@code inbox_events_by_state}: the history of other states is not read. */
    @Override
    public Map<InboxState, Long> countIn(Set<InboxState> states) {
        Map<InboxState, Long> counts = new EnumMap<>(InboxState.class);
        states.forEach(state -> counts.put(state, 0L));
        if (states.isEmpty()) {
            return counts;
        }
        transactions.withStatement(handle -> handle
                .createQuery("SELECT state, count(*) AS count FROM inbox_events WHERE state = ANY(:states) GROUP BY state")
                .bind("states", Sql.texts(states.stream().map(InboxState::name).toList()))
                .map((rs, context) -> Map.entry(InboxState.valueOf(rs.getString("state")), rs.getLong("count")))
                .list()).forEach(count -> counts.put(count.getKey(), count.getValue()));
        return counts;
    }

    private static InboundEvent event(ResultSet rs, StatementContext context) throws SQLException {
        return new InboundEvent(rs.getLong("id"), rs.getString("provider"), rs.getString("event_id"),
                rs.getString("type"), rs.getBytes("body"), Sql.instant(rs, "received_at"),
                InboxState.valueOf(rs.getString("state")), rs.getInt("attempts"),
                Sql.optionalString(rs, "last_error"), Sql.instant(rs, "next_attempt_at"));
    }
}
