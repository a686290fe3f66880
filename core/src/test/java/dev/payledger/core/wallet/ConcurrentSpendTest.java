package dev.payledger.core.wallet;

import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.testing.Harness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentSpendTest {
    @Test
    void thirtyTwoSpendersOnAWalletThatAffordsTenLeaveExactlyTenSuccesses() throws Exception {
        Harness harness = new Harness(InMemoryPersistence.create());
        UserId bo = UserId.of("bo");
        harness.payLedger.grantCredits().grant(new GrantCredits.Command(bo, 30, EntryType.GRANT, "welcome", "welcome"));

        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SpendCredits.Result>> results = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            String reference = "spend-" + i;
            results.add(pool.submit(() -> {
                start.await();
                return harness.payLedger.spendCredits().spend(new SpendCredits.Command(bo, 3, reference, "report"));
            }));
        }
        start.countDown();
        int spent = 0;
        int refused = 0;
        for (Future<SpendCredits.Result> result : results) {
            if (result.get() instanceof SpendCredits.Spent) {
                spent++;
            } else if (result.get() instanceof SpendCredits.InsufficientCredits) {
                refused++;
            }
        }
        pool.shutdown();
        assertThat(spent).isEqualTo(10);
        assertThat(refused).isEqualTo(22);
        assertThat(harness.wallet(bo).balance()).isZero();
        assertThat(harness.wallet(bo).spent()).isEqualTo(30);
    }

    @Test
    void theSameSpendReferenceSpendsOnce() {
        Harness harness = new Harness(InMemoryPersistence.create());
        UserId bo = UserId.of("bo");
        harness.payLedger.grantCredits().grant(new GrantCredits.Command(bo, 10, EntryType.GRANT, "welcome", "w"));
        SpendCredits.Command spend = new SpendCredits.Command(bo, 4, "req-1", "report");
        assertThat(harness.payLedger.spendCredits().spend(spend)).isInstanceOf(SpendCredits.Spent.class);
        assertThat(harness.payLedger.spendCredits().spend(spend)).isInstanceOf(SpendCredits.AlreadySpent.class);
        assertThat(harness.wallet(bo).balance()).isEqualTo(6);
    }

    @Test
    void aNegativeAdjustmentCannotOverdraw() {
        Harness harness = new Harness(InMemoryPersistence.create());
        UserId bo = UserId.of("bo");
        harness.payLedger.grantCredits().grant(new GrantCredits.Command(bo, 5, EntryType.GRANT, "welcome", "w"));
        assertThat(harness.payLedger.grantCredits().grant(new GrantCredits.Command(bo, -6, EntryType.ADJUSTMENT,
                "correction", "c1"))).isInstanceOf(GrantCredits.InsufficientCredits.class);
        assertThat(harness.payLedger.grantCredits().grant(new GrantCredits.Command(bo, -5, EntryType.ADJUSTMENT,
                "correction", "c2"))).isInstanceOf(GrantCredits.Granted.class);
        assertThat(harness.wallet(bo).balance()).isZero();
    }
}
