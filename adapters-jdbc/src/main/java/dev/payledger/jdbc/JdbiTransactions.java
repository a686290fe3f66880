package dev.payledger.jdbc;

import dev.payledger.core.common.UnitOfWork;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The unit of work over one JDBI {@link Handle} bound to the calling thread. A port called inside
 * {@link #inTransaction} uses that handle; called outside, it runs in a short transaction of its own. A
 * nested call joins the running transaction. On a serialization failure or a deadlock (SQLSTATE 40001,
 * 40P01) the whole function runs again on a fresh handle, after a jittered, exponentially growing pause,
 * at most {@code maxAttempts} times. Transactions run at the DataSource's default isolation (PostgreSQL:
 * READ COMMITTED): correctness comes from constraints and conditional updates, which hold at any level.
 * Thread-safe.
 */
final class JdbiTransactions implements UnitOfWork {
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");
    private static final Set<String> UNREACHABLE = Set.of("57P01", "57P02", "57P03");

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
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(work);
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
        try (Handle handle = jdbi.open()) {
            current.set(handle);
            try {
                return handle.inTransaction(h -> work.get());
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
