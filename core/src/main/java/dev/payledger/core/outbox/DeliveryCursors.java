package dev.payledger.core.outbox;

/**
 * Where each publisher of the outbox has got to: the sequence of the last event it delivered. Durable, and safe
 * for several instances: a cursor only moves by compare-and-set, so two senders never both advance it from the
 * same position. Thread-safe.
 */
public interface DeliveryCursors {
    /** The last delivered sequence of {@code consumer}; 0 when it never delivered anything. */
    long position(String consumer);

    /**
     * Moves {@code consumer} from {@code from} to {@code to} ({@code to > from}).
     *
     * @return false when the cursor is no longer at {@code from} (another instance moved it); nothing changed then
     */
    boolean advance(String consumer, long from, long to);
}
