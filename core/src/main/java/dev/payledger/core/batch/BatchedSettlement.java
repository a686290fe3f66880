package dev.payledger.core.batch;

import dev.payledger.core.Persistence;
import dev.payledger.core.payment.SettlePayment;
import dev.payledger.core.payment.SettlementEvidence;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@link SettlePayment} with group commit: concurrent {@link #settle} calls are drained by a writer and
 * settled many to a transaction, each through the same settlement logic (compare-and-set capture, the unique
 * {@code settle:<paymentId>} posting, wallet, order, outbox), so each stays idempotent and individually
 * accounted: the same payment twice in one batch is settled once and answered {@code AlreadySettled}. The
 * batch's outbox events are written at its end. If a batch fails it is rolled back and each evidence is
 * settled alone by the plain {@link SettlePayment}. Results are the same as {@link SettlePayment#settle}'s.
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
        DeferredOutbox outbox = new DeferredOutbox(store.outbox());
        SettlePayment inBatch = new SettlePayment(withOutbox(store, outbox), clock);
        SettlePayment alone = new SettlePayment(store, clock);
        this.batcher = new Batcher<>("payledger-settlement-batcher", store.unitOfWork(),
                evidences -> outbox.deferring(() -> settleAll(inBatch, evidences)), alone::settle, maxBatch, linger,
                writers);
    }

    /** Batches of up to {@link #DEFAULT_MAX_BATCH}, no lingering, {@link #DEFAULT_WRITERS} writers. */
    public static BatchedSettlement start(Persistence store, Clock clock) {
        return new BatchedSettlement(store, clock, DEFAULT_MAX_BATCH, Duration.ZERO, DEFAULT_WRITERS);
    }

    /** Settles in the next batch and waits for its commit; see {@link SettlePayment#settle}. */
    public SettlePayment.Result settle(SettlementEvidence evidence) {
        return batcher.submit(evidence);
    }

    public BatchStats stats() {
        return batcher.stats();
    }

    private static List<SettlePayment.Result> settleAll(SettlePayment settlePayment, List<SettlementEvidence> evidences) {
        return evidences.stream().map(settlePayment::settle).toList();
    }

    static Persistence withOutbox(Persistence store, DeferredOutbox outbox) {
        return new Persistence(store.unitOfWork(), store.orders(), store.payments(), store.refunds(), store.ledger(),
                store.featureGrants(), store.idempotencyKeys(), store.inbox(), outbox);
    }

    @Override
    public void close() {
        batcher.close();
    }
}
