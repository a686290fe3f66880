package dev.payledger.jdbc;

import dev.payledger.core.common.BatchSession;
import dev.payledger.core.common.UnitOfWork;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The unit of work over one JDBI {@link Handle} bound to the calling thread. A port called inside
 * {@link #inTransaction} uses that handle; called outside, it runs in a short transaction of its own, or, when
 * it is one statement ({@link #withStatement}), in autocommit mode. A nested call joins the running transaction.
 * On a serialization failure or a deadlock (SQLSTATE 40001, 40P01) the whole function runs again on a fresh
 * handle, after a jittered, exponentially growing pause, at most {@code maxAttempts} times. Transactions run at the DataSource's default isolation (PostgreSQL:
 * READ COMMITTED): correctness comes from constraints and conditional updates, which hold at any level.
 * Thread-safe.
 */
final class JdbiTransactions implements UnitOfWork {
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");
    private static final Set<String> UNREACHABLE = Set.of("57P01", "57P02", "57P03");

    /**
     * One plan per statement in a batch, and that plan the index lookups the statements are written for (see
     * {@link #inBatchTransaction}): four {@code SET LOCAL}s sent in one round trip, which PostgreSQL neither plans
     * nor caches ({@code SELECT set_config(…)} was planned on every call: 0.03 ms).
     */
    private static final String BATCH_SETTINGS = "SET LOCAL plan_cache_mode = force_generic_plan;"
            + " SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off";
    /** The same settings for a {@link BatchSession}'s connection, from its first transaction until its release. */
    private static final String SESSION_SETTINGS = BATCH_SETTINGS.replace("SET LOCAL", "SET");
    /** Back to the connection's defaults before a {@link BatchSession} gives its connection back. */
    private static final String SESSION_RESET = "RESET plan_cache_mode; RESET enable_seqscan; RESET enable_hashjoin;"
            + " RESET enable_mergejoin";

    private final Jdbi jdbi;
    private final int maxAttempts;
    private final Duration firstPause;
    private final Duration maxPause;
    private final ThreadLocal<Handle> current = new ThreadLocal<>();

    JdbiTransactions(Jdbi jdbi, int maxAttempts, Duration firstPause, Duration maxPause) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.jdbi = jdbi;
        this.maxAttempts = maxAttempts;
        this.firstPause = firstPause;
        this.maxPause = maxPause;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        return retried(() -> runOnce(work));
    }

    /** Runs {@code once} again on a serialization failure or a deadlock, after a jittered pause. */
    private <T> T retried(Supplier<T> once) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once.get();
            } catch (RuntimeException failure) {
                if (!isRetryable(failure)) {
                    throw translate(failure);
                }
                if (attempt >= maxAttempts) {
                    throw new DatabaseException("Transaction still failed after " + attempt + " attempts ("
                            + Sql.sqlState(failure) + ")", failure);
                }
                pause(attempt);
            }
        }
    }

    /**
     * A batch transaction plans each statement once, as the index lookups it is written for. A batch's statements
     * take arrays ({@code = ANY(:ids)}, {@code unnest(...)}) whose length changes from call to call; PostgreSQL's
     * default then plans most of them anew on every call (a custom plan for each array), which costs more than
     * running them: 0.3–0.55 ms to plan the order read or the wallet move against 0.3 ms to run the order read
     * for 16 orders (pg_stat_statements, EXPLAIN). So the transaction begins with {@code plan_cache_mode =
     * force_generic_plan}: one plan per statement and connection. A generic plan is kept until the table's
     * statistics change, so one made while a table was small (a new database, a bulk load not yet analysed) could
     * scan the whole table long after it grew: measured, a cached hash join read all of {@code order_lines} (62 ms
     * at 150k rows) for 16 orders. Every batch statement looks rows up by key, so sequential scans, hash joins and
     * merge joins are switched off for the transaction too: its plans are index lookups whatever the statistics
     * say. All four are {@code SET LOCAL}: they end with the transaction and the pooled connection goes back to
     * the server's defaults.
     */
    @Override
    public <T> T inBatchTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        return inTransaction(() -> {
            try (Statement statement = current.get().getConnection().createStatement()) {
                statement.execute(BATCH_SETTINGS);
            } catch (SQLException failure) {
                throw new UnableToExecuteStatementException(failure, null);
            }
            return work.get();
        });
    }

    /**
     * A session that keeps one pooled connection from one batch transaction to the next, with the settings of
     * {@link #inBatchTransaction} set for the session once instead of for every transaction, where they took the
     * batch transaction's first round trip (eight synchronous settlement callers: 3,671–3,703 settlements a
     * second with it, 3,865–3,971 without, see docs/performance.md). A failed transaction gives the connection
     * back, so one that broke is never used again; {@link BatchSession#release} resets the settings first.
     */
    @Override
    public BatchSession batchSession() {
        return new HeldConnection();
    }

    /** {@link #batchSession}: one thread's connection, kept between its batch transactions. */
    private final class HeldConnection implements BatchSession {
        private Handle held;

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            if (current.get() != null) {
                return work.get();
            }
            return retried(() -> {
                Handle handle = hold();
                current.set(handle);
                boolean committed = false;
                try {
                    T result = handle.inTransaction(h -> work.get());
                    committed = true;
                    return result;
                } finally {
                    current.remove();
                    if (!committed) {
                        release();
                    }
                }
            });
        }

        private Handle hold() {
            if (held == null) {
                Handle opened = jdbi.open();
                try {
                    execute(opened, SESSION_SETTINGS);
                } catch (RuntimeException failure) {
                    opened.close();
                    throw failure;
                }
                held = opened;
            }
            return held;
        }

        /**
         * Resets the settings and gives the connection back. When even that fails the connection is aborted, so
         * the pool never lends it with the batch settings (a pool drops a connection it finds closed).
         */
        @Override
        public void release() {
            Handle handle = held;
            if (handle == null) {
                return;
            }
            held = null;
            try {
                execute(handle, SESSION_RESET);
            } catch (RuntimeException failure) {
                try {
                    handle.getConnection().abort(Runnable::run);
                } catch (SQLException | RuntimeException ignored) {
                    // closing the handle below is all that is left to do
                }
            } finally {
                handle.close();
            }
        }
    }

    /**
     * Runs {@code sql} on {@code handle} outside any transaction (committed on a connection lent without
     * autocommit).
     */
    private static void execute(Handle handle, String sql) {
        Connection connection = handle.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException failure) {
            throw new UnableToExecuteStatementException(failure, null);
        }
    }

    @Override
    public boolean isActive() {
        return current.get() != null;
    }

    /**
     * A connection failure (SQLSTATE class 08, e.g. 08006 when the server went away midway), the server shutting
     * down or refusing connections (57P01–57P03), or no connection from the pool in time.
     */
    @Override
    public boolean isUnreachable(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        String state = Sql.sqlState(failure);
        return state != null && (state.startsWith("08") || UNREACHABLE.contains(state));
    }

    /** Runs {@code statement} on the current transaction's handle, or in a transaction of its own. */
    <T> T withHandle(Function<Handle, T> statement) {
        Handle handle = current.get();
        if (handle != null) {
            try {
                return statement.apply(handle);
            } catch (JdbiException failure) {
                throw translateInside(failure);
            }
        }
        return inTransaction(() -> statement.apply(current.get()));
    }

    /**
     * Runs {@code statement}, which sends one statement (and at most reads again to explain a refusal), on the
     * current transaction's handle, or outside any transaction on a pooled connection in autocommit mode: the
     * server commits the statement by itself, one round trip instead of a transaction's two (BEGIN with the
     * statement, then COMMIT). A statement is atomic on its own, so nothing is lost; a serialization failure or a
     * deadlock runs it again, as for a transaction. Port calls made by {@code statement} (a read that explains a
     * refusal) share its handle; it must not begin a transaction. A pool that hands out connections with
     * autocommit off (an embedding application's own) gets a transaction instead, so nothing is left uncommitted.
     */
    <T> T withStatement(Function<Handle, T> statement) {
        if (current.get() != null) {
            return withHandle(statement);
        }
        return retried(() -> onOwnHandle(handle -> autoCommits(handle) ? statement.apply(handle)
                : committed(handle, statement)));
    }

    private static boolean autoCommits(Handle handle) {
        try {
            return handle.getConnection().getAutoCommit();
        } catch (SQLException failure) {
            throw new UnableToExecuteStatementException(failure, null);
        }
    }

    /**
     * On a connection handed out with autocommit off, JDBI takes the connection for one already in a transaction
     * and would neither begin nor commit one: commit (or roll back) on the connection itself.
     */
    private static <T> T committed(Handle handle, Function<Handle, T> statement) {
        Connection connection = handle.getConnection();
        try {
            T result;
            try {
                result = statement.apply(handle);
            } catch (RuntimeException failure) {
                connection.rollback();
                throw failure;
            }
            connection.commit();
            return result;
        } catch (SQLException failure) {
            throw new UnableToExecuteStatementException(failure, null);
        }
    }

    /**
     * Runs {@code statements} in a short transaction on a connection of its own, apart from any transaction
     * of the calling thread; not retried.
     */
    <T> T inOwnTransaction(Function<Handle, T> statements) {
        try (Handle handle = jdbi.open()) {
            handle.begin();
            try {
                T result = statements.apply(handle);
                handle.commit();
                return result;
            } catch (RuntimeException failure) {
                handle.rollback();
                throw failure;
            }
        } catch (JdbiException failure) {
            throw translate(failure);
        }
    }

    private <T> T runOnce(Supplier<T> work) {
        return onOwnHandle(handle -> handle.inTransaction(h -> work.get()));
    }

    /** Runs {@code work} on a new handle bound to the calling thread, so the port calls it makes share it. */
    private <T> T onOwnHandle(Function<Handle, T> work) {
        try (Handle handle = jdbi.open()) {
            current.set(handle);
            try {
                return work.apply(handle);
            } finally {
                current.remove();
            }
        }
    }

    private void pause(int attempt) {
        long ceiling = Math.min(maxPause.toNanos(), firstPause.toNanos() << Math.min(attempt - 1, 20));
        long nanos = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("Interrupted while waiting to retry a transaction", interrupted);
        }
    }

    /** Inside a transaction, retryable failures pass through untouched so the outermost call can retry. */
    private static RuntimeException translateInside(JdbiException failure) {
        return isRetryable(failure) ? failure : translate(failure);
    }

    private static boolean isRetryable(Throwable failure) {
        String state = Sql.sqlState(failure);
        return state != null && RETRYABLE.contains(state);
    }

    private static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof JdbiException) {
            return new DatabaseException(failure.getMessage(), failure);
        }
        return failure;
    }
}
