package dev.payledger.reliability.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling until something holds, with a deadline. */
public final class Await {
    private Await() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
            }
            sleep(100);
        }
    }

    /** Waits until {@code value} answers the same twice {@code quiet} apart; returns that value. */
    public static <T> T stable(Duration quiet, Duration timeout, Supplier<T> value) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (true) {
            sleep(quiet.toMillis());
            T next = value.get();
            if (next.equals(last)) {
                return next;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still changing after " + timeout + ": " + next);
            }
            last = next;
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
