package dev.payledger.core.common;

import java.util.function.Supplier;

/** Runs work in a unit of work, again (up to a bound) when it lost a compare-and-set race. */
public final class Atomically {
    private static final int ATTEMPTS = 8;

    private Atomically() {
    }

    public static <T> T run(UnitOfWork unitOfWork, Supplier<T> work) {
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
