package dev.payledger.core.batch;

import java.util.concurrent.atomic.LongAdder;

/** The counters behind {@link BatchStats}. Thread-safe. */
final class BatchCounters {
    private final LongAdder batches = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder failedBatches = new LongAdder();
    private final LongAdder requestsAlone = new LongAdder();

    void batch(int size) {
        batches.increment();
        requests.add(size);
    }

    void failedBatch(int size) {
        failedBatches.increment();
        requestsAlone.add(size);
    }

    BatchStats snapshot() {
        return new BatchStats(batches.sum(), requests.sum(), failedBatches.sum(), requestsAlone.sum());
    }
}
