package dev.payledger.core.batch;

import dev.payledger.core.Persistence;
import dev.payledger.jdbc.TestDatabase;

/** Core's {@link HotWalletSpendsTest} on PostgreSQL, where batches are written by the set-based statements. */
class JdbcHotWalletSpendsTest extends HotWalletSpendsTest {
    @Override
    protected Persistence freshPersistence() {
        return TestDatabase.cleanPersistence();
    }
}
