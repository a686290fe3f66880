package dev.payledger.jdbc;

import dev.payledger.core.common.UserId;
import dev.payledger.core.outbox.Outbox;
import dev.payledger.core.outbox.OutboxEvent;
import org.jdbi.v3.core.statement.SqlStatement;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox in {@code outbox_events}, numbered by the {@code outbox_sequence} with no hot row. An append
 * takes a shared advisory lock held until its transaction ends; {@link #readAfter} takes that lock
 * exclusively in a short transaction of its own, so it reads only when every number drawn so far belongs to
 * a finished transaction: a reader that remembers the last sequence it saw never skips an event. When
 * appending transactions keep the lock longer than {@link #READ_WAIT}, {@code readAfter} returns nothing
 * for now (ask again later). Sequences increase but may have gaps (rolled-back appends). Thread-safe.
 */
final class JdbiOutbox implements Outbox {
    /** How long a reader waits for running appenders before answering "nothing yet". */
    static final String READ_WAIT = "200ms";
    private static final String LOCK = "1348564300, 1";

    private final JdbiTransactions transactions;

    JdbiOutbox(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public OutboxEvent append(OutboxEvent event) {
        long sequence = transactions.withHandle(handle -> handle.createQuery("""
                        WITH appender AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(%s))
                        INSERT INTO outbox_events (sequence, type, user_id, subject, data, occurred_at)
                        SELECT nextval('outbox_sequence'), :type, :user, :subject, :data::jsonb, :occurredAt FROM appender
                        RETURNING sequence""".formatted(LOCK))
                .bind("type", event.type())
                .bind("user", event.user().value())
                .bind("subject", event.subject())
                .bind("data", FlatJson.write(event.data()))
                .bind("occurredAt", Sql.at(event.occurredAt()))
                .mapTo(Long.class)
                .one());
        return new OutboxEvent(sequence, event.type(), event.user(), event.subject(), event.data(),
                event.occurredAt());
    }

    /**
     * The shared advisory lock every append takes, as a {@code WITH} clause named {@code appender} that
     * {@link #INSERT_ALL} reads from.
     */
    static final String APPENDER = "appender AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(" + LOCK + "))";
    /**
     * The events of {@code :types}, {@code :users}, {@code :subjects}, {@code :data} and {@code :occurredAt} (bound
     * by {@link #bindAll}), numbered in list order; after {@link #APPENDER}.
     */
    static final String INSERT_ALL = """
            INSERT INTO outbox_events (sequence, type, user_id, subject, data, occurred_at)
            SELECT nextval('outbox_sequence'), e.type, e.user_id, e.subject, e.data::jsonb,
                e.occurred_at::timestamptz
            FROM appender, unnest(:types::text[], :users::text[], :subjects::text[], :data::text[],
                :occurredAt::text[]) WITH ORDINALITY AS e (type, user_id, subject, data, occurred_at, n)
            ORDER BY e.n""";

    static <S extends SqlStatement<S>> S bindAll(S statement, List<OutboxEvent> events) {
        return statement.bind("types", Sql.texts(events.stream().map(OutboxEvent::type).toList()))
                .bind("users", Sql.texts(events.stream().map(e -> e.user().value()).toList()))
                .bind("subjects", Sql.texts(events.stream().map(OutboxEvent::subject).toList()))
                .bind("data", Sql.texts(events.stream().map(e -> FlatJson.write(e.data())).toList()))
                .bind("occurredAt", Sql.texts(events.stream()
                        .map(e -> e.occurredAt().truncatedTo(ChronoUnit.MICROS).toString()).toList()));
    }

    /** One statement for the list; numbers are drawn in list order. */
    @Override
    public List<OutboxEvent> appendAll(List<OutboxEvent> events) {
        if (events.size() <= 1) {
            return events.stream().map(this::append).toList();
        }
        List<Long> sequences = transactions.withHandle(handle -> bindAll(handle.createQuery(
                        "WITH " + APPENDER + "\n" + INSERT_ALL + "\nRETURNING sequence"), events)
                .mapTo(Long.class)
                .list());
        List<Long> ordered = sequences.stream().sorted().toList();
        List<OutboxEvent> appended = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            OutboxEvent event = events.get(i);
            appended.add(new OutboxEvent(ordered.get(i), event.type(), event.user(), event.subject(), event.data(),
                    event.occurredAt()));
        }
        return appended;
    }

    /** Runs in a transaction of its own, even inside a unit of work (whose own appends it would wait for). */
    @Override
    public List<OutboxEvent> readAfter(long after, int limit) {
        try {
            return transactions.inOwnTransaction(handle -> {
                handle.execute("SET LOCAL lock_timeout = '" + READ_WAIT + "'");
                handle.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
                return handle.createQuery("""
                                SELECT sequence, type, user_id, subject, data::text AS data, occurred_at
                                FROM outbox_events WHERE sequence > :after ORDER BY sequence LIMIT :limit""")
                        .bind("after", after).bind("limit", limit)
                        .map((rs, context) -> new OutboxEvent(rs.getLong("sequence"), rs.getString("type"),
                                new UserId(rs.getString("user_id")), rs.getString("subject"),
                                FlatJson.read(rs.getString("data")), Sql.instant(rs, "occurred_at")))
                        .list();
            });
        } catch (RuntimeException failure) {
            if (Sql.LOCK_NOT_AVAILABLE.equals(Sql.sqlState(failure))) {
                return List.of();
            }
            throw failure;
        }
    }
}
