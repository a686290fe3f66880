package dev.payledger.core.common;

/**
 * A compare-and-set found that someone else changed a record since it was read. Thrown inside a unit of
 * work to roll it back; {@link Atomically} runs the work again, which then sees the other change.
 */
public final class ConcurrentChangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConcurrentChangeException(String what) {
        super(what + " was changed concurrently");
    }

    /** Throws unless the compare-and-set {@code updated}. */
    public static void requireUpdated(boolean updated, String what) {
        if (!updated) {
            throw new ConcurrentChangeException(what);
        }
    }
}
