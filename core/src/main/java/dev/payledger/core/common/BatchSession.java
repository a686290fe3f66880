package dev.payledger.core.common;

import java.util.function.Supplier;

/**
 * A run of batch transactions on one thread, one after another (a {@link dev.payledger.core.batch.Batcher}
 * writer's): what a store sets up for batches is set up once for the run, not once a transaction. PostgreSQL
 * keeps one connection, with its batch settings, from one transaction to the next until {@link #release}. Used
 * by one thread at a time.
 */
public interface BatchSession {
    /** As {@link UnitOfWork#inBatchTransaction}, on what this session holds (taken first if it holds nothing). */
    <T> T inTransaction(Supplier<T> work);

    /**
     * Gives back what the session holds (a connection, returned to its pool as it was lent); the next
     * {@link #inTransaction} takes it again. Does nothing when nothing is held.
     */
    void release();
}
