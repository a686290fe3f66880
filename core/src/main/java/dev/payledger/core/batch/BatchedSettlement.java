package dev.payledger.core.batch;

import dev.payledger.core.Persistence;
import dev.payledger.core.payment.SettlePayment;
import dev.payledger.core.payment.SettlementEvidence;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@link SettlePayment} with group commit: concurrent {@link #settle} calls are drained by a writer and
 * settled many to a transaction by {@link SettlePayment#settleAll}, the same settlement logic (compare-and-set
 * capture, the unique {@code settle:<paymentId>} posting, wallet, order, outbox) with the writes of the whole
 * batch done together, so each stays idempotent and individually accounted: the same payment twice in one
 * batch is settled once and answered {@code AlreadySettled}. If a batch fails it is rolled back and each
 * evidence is settled alone by {@link SettlePayment#settle}. Results are the same as {@link SettlePayment#settle}'s.
 * Thread-safe; close it to stop the writer.
 */
public final class BatchedSettlement implements AutoCloseable {
    /** Settlements per transaction unless told otherwise. */
    public static final int DEFAULT_MAX_BATCH = 64;
    /** Writer threads unless told otherwise: one batch executes while another commits. */
    public static final int DEFAULT_WRITERS = 2;

    private final Batcher<SettlementEvidence, SettlePayment.Result> batcher;

    /** One writer; see {@link #BatchedSettlement(Persistence, Clock, int, Duration, int)}. */
    public BatchedSettlement(Persistence store, Clock clock, int maxBatch, Duration linger) {
        this(store, clock, maxBatch, linger, 1);
    }

    /**
     * @param maxBatch the most settlements per transaction
     * @param linger   how long a writer waits for a fuller batch (zero: group what queued during the last commit)
     * @param writers  writer threads; more than one lets a batch run while another commits
     */
    public BatchedSettlement(Persistence store, Clock clock, int maxBatch, Duration linger, int writers) {
        SettlePayment settlePayment = new SettlePayment(store, clock);
        this.batcher = new Batcher<>("payledger-settlement-batcher", store.unitOfWork(), settlePayment::settleAll,
                settlePayment::settle, maxBatch, linger, writers);
    }

    /** Batches of up to {@link #DEFAULT_MAX_BATCH}, no lingering, {@link #DEFAULT_WRITERS} writers. */
    public static BatchedSettlement start(Persistence store, Clock clock) {
        return new BatchedSettlement(store, clock, DEFAULT_MAX_BATCH, Duration.ZERO, DEFAULT_WRITERS);
    }

    /** Settles in the next batch and waits for its commit; see {@link SettlePayment#settle}. */
    public SettlePayment.Result settle(SettlementEvidence evidence) {
        return batcher.submit(evidence);
    }

    /**
     * Queues the evidence for the next batch without waiting: the future completes with {@link #settle}'s result
     * once its batch has committed. A caller that consumes a stream (a queue, a webhook inbox) keeps many in
     * flight this way and lets batches fill.
     */
    public CompletableFuture<SettlePayment.Result> settleAsync(SettlementEvidence evidence) {
        return batcher.submitAsync(evidence);
    }

    public BatchStats stats() {
        return batcher.stats();
    }

    @Override
    public void close() {
        batcher.close();
    }
}
