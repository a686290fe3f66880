package dev.payledger.jdbc.contract;

import dev.payledger.core.Persistence;
import org.junit.jupiter.api.BeforeEach;

import java.util.function.Supplier;

/** The base of every contract: a fresh, empty {@link Persistence} per test. */
public abstract class PersistenceContract {
    protected Persistence persistence;

    /** An empty store: a new in-memory one, or the shared database after emptying it. */
    protected abstract Persistence emptyPersistence();

    @BeforeEach
    void freshPersistence() {
        persistence = emptyPersistence();
    }

    protected <T> T inTransaction(Supplier<T> work) {
        return persistence.unitOfWork().inTransaction(work);
    }

    protected void inTransaction(Runnable work) {
        persistence.unitOfWork().inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** Thrown by tests to make a unit of work roll back. */
    protected static final class Rollback extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Rollback() {
            super("rollback requested by the test");
        }
    }
}
