package dev.payledger.core.testing;

import dev.payledger.core.Persistence;
import dev.payledger.jdbc.TestDatabase;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.List;

/**
 * Core's ledger invariants (every asset sums to zero, wallets equal their entries, nothing credited twice)
 * over random purchases, concurrent settlements, spends, grants and refunds, on the JDBI adapters and the
 * shared test PostgreSQL. Lives in core's test package only to lower the number of tries: each try runs
 * hundreds of real transactions.
 */
class JdbcLedgerInvariantProperties extends LedgerInvariantProperties {

    @Override
    protected Persistence freshPersistence() {
        return TestDatabase.cleanPersistence();
    }

    @Override
    @Property(tries = 5)
    void invariantsHoldAfterEveryStep(@ForAll("steps") List<Step> steps) throws Exception {
        super.invariantsHoldAfterEveryStep(steps);
    }
}
