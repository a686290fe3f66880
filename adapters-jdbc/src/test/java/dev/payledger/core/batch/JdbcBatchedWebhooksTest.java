package dev.payledger.core.batch;

import dev.payledger.core.Persistence;
import dev.payledger.jdbc.TestDatabase;

/** Core's {@link BatchedWebhooksTest} on PostgreSQL, where a batch is stored, settled and finished in a few statements. */
class JdbcBatchedWebhooksTest extends BatchedWebhooksTest {
    @Override
    protected Persistence freshPersistence() {
        return TestDatabase.cleanPersistence();
    }
}
