package dev.payledger.core.batch;

/**
 * What a {@link Batcher}'s writer has done: {@code batches} committed holding {@code requests};
 * {@code failedBatches} rolled back, whose {@code requestsAlone} then ran one by one.
 */
public record BatchStats(long batches, long requests, long failedBatches, long requestsAlone) {
    /** Requests per committed batch (0 before the first). */
    public double averageBatch() {
        return batches == 0 ? 0 : (double) requests / batches;
    }
}
