package dev.payledger.jdbc;

import dev.payledger.core.Persistence;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Every PayLedger persistence port on a PostgreSQL {@link DataSource} migrated by {@link Migrations}. All
 * ports join the transaction of the returned {@link Persistence#unitOfWork()}: a port called inside
 * {@code inTransaction} uses that transaction's connection; called outside, it runs in a short
 * transaction of its own. Several application instances may share the database: uniqueness and
 * compare-and-set updates in the schema, not locks in this JVM, keep it correct. Thread-safe.
 */
public final class JdbcPersistence {
    /** Attempts of a transaction that keeps meeting serialization failures or deadlocks. */
    public static final int MAX_ATTEMPTS = 10;

    private JdbcPersistence() {
    }

    /** The ports on {@code dataSource}; pass a pooled one (see {@link DataSources}). */
    public static Persistence create(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        JdbiTransactions transactions = new JdbiTransactions(jdbi, MAX_ATTEMPTS, Duration.ofMillis(2),
                Duration.ofMillis(250));
        return new Persistence(transactions, new JdbiOrders(transactions), new JdbiPayments(transactions),
                new JdbiRefunds(transactions), new JdbiLedger(transactions), new JdbiFeatureGrants(transactions),
                new JdbiIdempotencyKeys(transactions), new JdbiEventInbox(transactions),
                new JdbiOutbox(transactions));
    }
}
