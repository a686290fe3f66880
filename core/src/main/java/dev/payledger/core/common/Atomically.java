package dev.payledger.core.common;

import java.util.function.Supplier;

/** Runs work in a unit of work, again (up to a bound) when it lost a compare-and-set race. */
public final class Atomically {
    private static final int ATTEMPTS = 8;

    private Atomically() {
    }

    /**
     * Runs {@code work} in a transaction of its own, again when it lost a compare-and-set. Inside a running
     * transaction it cannot roll back what the failed attempt wrote, so there it runs once and lets the
     * {@link ConcurrentChangeException} roll back the outer transaction, whose owner decides what to rerun.
     */
    public static <T> T run(UnitOfWork unitOfWork, Supplier<T> work) {
        if (unitOfWork.isActive()) {
            return unitOfWork.inTransaction(work);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return unitOfWork.inTransaction(work);
            } catch (ConcurrentChangeException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }
}
