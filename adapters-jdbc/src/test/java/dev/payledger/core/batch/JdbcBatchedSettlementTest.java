package dev.payledger.core.batch;

import dev.payledger.core.Persistence;
import dev.payledger.jdbc.TestDatabase;

/** Core's {@link BatchedSettlementTest} on PostgreSQL, where batches are written by the set-based statements. */
class JdbcBatchedSettlementTest extends BatchedSettlementTest {
    @Override
    protected Persistence freshPersistence() {
        return TestDatabase.cleanPersistence();
    }
}
