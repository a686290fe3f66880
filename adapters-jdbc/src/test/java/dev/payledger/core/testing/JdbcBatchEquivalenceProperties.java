package dev.payledger.core.testing;

import dev.payledger.core.Persistence;
import dev.payledger.jdbc.TestDatabase;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.List;

/**
 * The set-based batch writes on PostgreSQL ({@code LedgerBatch}, multi-row payment, order and outbox writes)
 * against the in-memory store posting and settling one by one. In core's test package only to lower the
 * number of tries.
 */
class JdbcBatchEquivalenceProperties extends BatchEquivalenceProperties {

    @Override
    protected Persistence freshPersistence() {
        return TestDatabase.cleanPersistence();
    }

    @Override
    @Property(tries = 25)
    void postingInChunksIsPostingOneByOne(@ForAll("ledgerOps") List<LedgerOp> ops,
                                          @ForAll("chunks") List<Integer> chunks) {
        super.postingInChunksIsPostingOneByOne(ops, chunks);
    }

    @Override
    @Property(tries = 25)
    void settlingInChunksIsSettlingOneByOne(@ForAll("purchases") List<Integer> purchases,
                                            @ForAll("settlementOps") List<SettleOp> ops,
                                            @ForAll("chunks") List<Integer> chunks) {
        super.settlingInChunksIsSettlingOneByOne(purchases, ops, chunks);
    }
}
