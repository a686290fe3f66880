package dev.payledger.jdbc;

import dev.payledger.core.common.UserId;
import dev.payledger.core.outbox.Outbox;
import dev.payledger.core.outbox.OutboxEvent;

import java.util.List;

/**
 * The outbox in {@code outbox_events}. Sequences come from the single {@code outbox_counter} row, whose lock
 * is held until the appending transaction ends: events become visible in sequence order, so a reader that
 * remembers the last sequence it saw never skips one. Thread-safe.
 */
final class JdbiOutbox implements Outbox {
    private final JdbiTransactions transactions;

    JdbiOutbox(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public OutboxEvent append(OutboxEvent event) {
        long sequence = transactions.withHandle(handle -> handle.createQuery("""
                        WITH counter AS (
                            UPDATE outbox_counter SET last_value = last_value + 1 WHERE id = 1 RETURNING last_value)
                        INSERT INTO outbox_events (sequence, type, user_id, subject, data, occurred_at)
                        SELECT last_value, :type, :user, :subject, :data::jsonb, :occurredAt FROM counter
                        RETURNING sequence""")
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

    @Override
    public List<OutboxEvent> readAfter(long after, int limit) {
        return transactions.withHandle(handle -> handle.createQuery("""
                        SELECT sequence, type, user_id, subject, data::text AS data, occurred_at FROM outbox_events
                        WHERE sequence > :after ORDER BY sequence LIMIT :limit""")
                .bind("after", after).bind("limit", limit)
                .map((rs, context) -> new OutboxEvent(rs.getLong("sequence"), rs.getString("type"),
                        new UserId(rs.getString("user_id")), rs.getString("subject"),
                        FlatJson.read(rs.getString("data")), Sql.instant(rs, "occurred_at")))
                .list());
    }
}
