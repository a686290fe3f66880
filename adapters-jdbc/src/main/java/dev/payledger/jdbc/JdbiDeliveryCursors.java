package dev.payledger.jdbc;

import dev.payledger.core.outbox.DeliveryCursors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import javax.sql.DataSource;

/**
 * {@link DeliveryCursors} in {@code delivery_cursors} (migration V6). Each call is its own short transaction;
 * {@link #advance} is a compare-and-set ({@code UPDATE … WHERE position = :from}, or an insert that loses to a
 * concurrent one when the cursor is new), so instances sharing the database never both move a cursor from the
 * same position. Thread-safe.
 */
public final class JdbiDeliveryCursors implements DeliveryCursors {
    private final Jdbi jdbi;

    private JdbiDeliveryCursors(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Cursors on a migrated {@code dataSource} (pooled: see {@link DataSources}). */
    public static JdbiDeliveryCursors create(DataSource dataSource) {
        return new JdbiDeliveryCursors(Jdbi.create(dataSource));
    }

    @Override
    public long position(String consumer) {
        try {
            return jdbi.withHandle(handle -> handle.createQuery(
                            "SELECT position FROM delivery_cursors WHERE consumer = :consumer")
                    .bind("consumer", consumer).mapTo(Long.class).findOne().orElse(0L));
        } catch (JdbiException e) {
            throw new DatabaseException("Cannot read delivery cursor " + consumer, e);
        }
    }

    @Override
    public boolean advance(String consumer, long from, long to) {
        if (to <= from) {
            throw new IllegalArgumentException("A cursor only moves forward");
        }
        try {
            return jdbi.withHandle(handle -> {
                if (from == 0 && handle.createUpdate("""
                                INSERT INTO delivery_cursors (consumer, position) VALUES (:consumer, :to)
                                ON CONFLICT (consumer) DO NOTHING""")
                        .bind("consumer", consumer).bind("to", to).execute() == 1) {
                    return true;
                }
                return handle.createUpdate("""
                                UPDATE delivery_cursors SET position = :to, updated_at = now()
                                WHERE consumer = :consumer AND position = :from""")
                        .bind("consumer", consumer).bind("from", from).bind("to", to).execute() == 1;
            });
        } catch (JdbiException e) {
            throw new DatabaseException("Cannot move delivery cursor " + consumer, e);
        }
    }
}
