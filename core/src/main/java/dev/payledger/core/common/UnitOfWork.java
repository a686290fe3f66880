package dev.payledger.core.common;

import java.util.function.Supplier;

/**
 * Runs a function in one transaction over every persistence port.
 *
 * <p>Everything the function does through the ports commits together or not at all; an exception rolls
 * back and is rethrown. Implementations may run the function more than once (a database retries on a
 * serialization failure or deadlock), so it must not call providers or have other effects outside the
 * ports. A call inside a running transaction joins it. Thread-safe.
 */
public interface UnitOfWork {
    <T> T inTransaction(Supplier<T> work);

    /**
     * As {@link #inTransaction}, for a batch ({@link dev.payledger.core.batch.Batcher}): work whose statements
     * each take a list of any length. A store may set the transaction up for that; PostgreSQL keeps one plan per
     * statement there instead of planning it anew for each list length. This default is {@link #inTransaction}.
     */
    default <T> T inBatchTransaction(Supplier<T> work) {
        return inTransaction(work);
    }

    /**
     * A session for a run of batch transactions on the calling thread (see {@link BatchSession}); release it when
     * the run pauses. This default holds nothing: each transaction is an {@link #inBatchTransaction}.
     */
    default BatchSession batchSession() {
        UnitOfWork unitOfWork = this;
        return new BatchSession() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return unitOfWork.inBatchTransaction(work);
            }

            @Override
            public void release() {
            }
        };
    }

    /** True when the calling thread is inside {@link #inTransaction} (a new call would join, not begin). */
    boolean isActive();

    /**
     * Whether {@code failure} (thrown by {@link #inTransaction}) says the store could not be reached (its
     * connection was lost or refused) rather than that the work itself failed: retrying each piece of a batch
     * alone would only wait for the store again. This default knows no such failure.
     */
    default boolean isUnreachable(RuntimeException failure) {
        return false;
    }
}
