package dev.payledger.core.batch;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.testing.Harness;
import dev.payledger.core.wallet.GrantCredits;
import dev.payledger.core.wallet.SpendCredits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HotWalletSpendsTest {
    private final Persistence store = freshPersistence();
    private final Harness harness = new Harness(store);

    /** The store under test; a subclass in adapters-jdbc runs the same tests on PostgreSQL. */
    protected Persistence freshPersistence() {
        return InMemoryPersistence.create();
    }
    private final UserId bo = UserId.of("bo");

    @Test
    void sixtyFourConcurrentSpendersNeverOverdrawTheWallet() throws Exception {
        grant(bo, 1000);
        List<SpendCredits.Result> results = new ArrayList<>();
        ExecutorService spenders = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        try (HotWalletSpends spends = new HotWalletSpends(store, harness.clock, 2, 64, Duration.ZERO)) {
            List<Future<SpendCredits.Result>> futures = new ArrayList<>();
            for (int i = 0; i < 320; i++) {
                String reference = "spend-" + i;
                futures.add(spenders.submit(() -> {
                    start.await();
                    return spends.spend(new SpendCredits.Command(bo, 7, reference, "report"));
                }));
            }
            start.countDown();
            for (Future<SpendCredits.Result> future : futures) {
                results.add(future.get());
            }
        } finally {
            spenders.shutdown();
        }
        assertThat(results).filteredOn(SpendCredits.Spent.class::isInstance).hasSize(1000 / 7);
        assertThat(results).filteredOn(SpendCredits.InsufficientCredits.class::isInstance).hasSize(320 - 1000 / 7);
        assertThat(harness.wallet(bo).balance()).isEqualTo(1000 % 7);
        assertThat(harness.wallet(bo).spent()).isEqualTo(1000 / 7 * 7);
        assertThat(store.ledger().entries(bo, Optional.empty(), 1000)).hasSize(1 + 1000 / 7);
        assertThat(harness.payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    @Test
    void eachSpendReportsTheBalanceRightAfterIt() {
        grant(bo, 10);
        try (HotWalletSpends spends = new HotWalletSpends(store, harness.clock, 1, 2, Duration.ofSeconds(5))) {
            var three = async(spends, new SpendCredits.Command(bo, 3, "a", "report"));
            var four = async(spends, new SpendCredits.Command(bo, 4, "b", "report"));
            long afterThree = ((SpendCredits.Spent) three.join()).wallet().balance();
            long afterFour = ((SpendCredits.Spent) four.join()).wallet().balance();
            // whichever ran first left 10 minus its own credits; the other left the final 3
            assertThat(List.of(afterThree, afterFour)).isIn(List.of(7L, 3L), List.of(3L, 6L));
        }
        assertThat(harness.wallet(bo).balance()).isEqualTo(3);
    }

    @Test
    void theSameReferenceSpendsOnceAcrossBatchesAndTheUnbatchedPath() {
        grant(bo, 10);
        SpendCredits.Command spend = new SpendCredits.Command(bo, 6, "req-1", "report");
        try (HotWalletSpends spends = HotWalletSpends.start(store, harness.clock)) {
            assertThat(spends.spend(spend)).isInstanceOf(SpendCredits.Spent.class);
            assertThat(spends.spend(spend)).isInstanceOf(SpendCredits.AlreadySpent.class);
        }
        assertThat(harness.payLedger.spendCredits().spend(spend)).isInstanceOf(SpendCredits.AlreadySpent.class);
        assertThat(harness.wallet(bo).balance()).isEqualTo(4);
    }

    @Test
    void aBatchWithABadSpendFallsBackToOneByOneAndSpendsTheOthers() {
        grant(bo, 10);
        Persistence poisoned = Poisoned.ledger(store, "poison");
        try (HotWalletSpends spends = new HotWalletSpends(poisoned, harness.clock, 1, 3, Duration.ofSeconds(5))) {
            var first = async(spends, new SpendCredits.Command(bo, 1, "one", "report"));
            var bad = async(spends, new SpendCredits.Command(bo, 2, "poison", "report"));
            var third = async(spends, new SpendCredits.Command(bo, 3, "three", "report"));
            assertThat(first.join()).isInstanceOf(SpendCredits.Spent.class);
            assertThat(third.join()).isInstanceOf(SpendCredits.Spent.class);
            assertThatThrownBy(bad::join).hasRootCauseMessage("poisoned spend:bo:poison");
            assertThat(spends.stats().failedBatches()).isEqualTo(1);
        }
        assertThat(harness.wallet(bo).balance()).isEqualTo(6);
        assertThat(harness.payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    private void grant(UserId user, long credits) {
        harness.payLedger.grantCredits().grant(new GrantCredits.Command(user, credits, EntryType.GRANT, "welcome", "w"));
    }

    private static java.util.concurrent.CompletableFuture<SpendCredits.Result> async(HotWalletSpends spends,
                                                                                    SpendCredits.Command command) {
        var result = new java.util.concurrent.CompletableFuture<SpendCredits.Result>();
        new Thread(() -> {
            try {
                result.complete(spends.spend(command));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }).start();
        return result;
    }
}
