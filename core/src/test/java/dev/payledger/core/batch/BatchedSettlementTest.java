package dev.payledger.core.batch;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.SettlePayment;
import dev.payledger.core.payment.SettlementEvidence;
import dev.payledger.core.testing.Harness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchedSettlementTest {
    private final Persistence store = freshPersistence();
    private final Harness harness = new Harness(store);

    /** The store under test; a subclass in adapters-jdbc runs the same tests on PostgreSQL. */
    protected Persistence freshPersistence() {
        return InMemoryPersistence.create();
    }

    @Test
    void eightCallersDeliveringEveryPaymentTwiceCreditEachWalletExactlyOnce() throws Exception {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            payments.add(harness.checkout(UserId.of("user-" + i), "starter"));
        }
        List<SettlementEvidence> deliveries = new ArrayList<>();
        payments.forEach(p -> deliveries.add(Harness.evidence(p)));
        payments.forEach(p -> deliveries.add(Harness.evidence(p)));

        List<SettlePayment.Result> results = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (BatchedSettlement batched = new BatchedSettlement(store, harness.clock, 16, Duration.ofMillis(2), 2)) {
            List<Future<SettlePayment.Result>> futures = new ArrayList<>();
            deliveries.forEach(e -> futures.add(callers.submit(() -> batched.settle(e))));
            for (Future<SettlePayment.Result> future : futures) {
                results.add(future.get());
            }
        } finally {
            callers.shutdown();
        }
        assertThat(results).filteredOn(SettlePayment.Settled.class::isInstance).hasSize(40);
        assertThat(results).filteredOn(SettlePayment.AlreadySettled.class::isInstance).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(harness.wallet(UserId.of("user-" + i)).balance()).isEqualTo(10);
        }
        assertThat(harness.payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    @Test
    void theSamePaymentTwiceInOneBatchIsSettledOnce() {
        Payment payment = harness.checkout(UserId.of("ana"), "pro");
        try (BatchedSettlement batched = new BatchedSettlement(store, harness.clock, 2, Duration.ofSeconds(5))) {
            List<Thread> callers = new ArrayList<>();
            List<SettlePayment.Result> results = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 2; i++) {
                Thread caller = new Thread(() -> results.add(batched.settle(Harness.evidence(payment))));
                caller.start();
                callers.add(caller);
            }
            for (Thread caller : callers) {
                join(caller);
            }
            assertThat(batched.stats()).isEqualTo(new BatchStats(1, 2, 0, 0));
            assertThat(results).hasOnlyElementsOfTypes(SettlePayment.Settled.class, SettlePayment.AlreadySettled.class)
                    .filteredOn(SettlePayment.Settled.class::isInstance).hasSize(1);
        }
        assertThat(harness.wallet(UserId.of("ana")).balance()).isEqualTo(100);
        assertThat(store.outbox().readAfter(0, 100)).extracting(e -> e.type())
                .containsOnlyOnce("payment.paid", "wallet.credited");
    }

    @Test
    void aBatchWithABadSettlementFallsBackToOneByOneAndSettlesTheOthers() {
        Payment good = harness.checkout(UserId.of("bo"), "starter");
        Payment bad = harness.checkout(UserId.of("cy"), "starter");
        Payment alsoGood = harness.checkout(UserId.of("di"), "starter");
        Persistence poisoned = Poisoned.ledger(store, bad.id().value());
        try (BatchedSettlement batched = new BatchedSettlement(poisoned, harness.clock, 3, Duration.ofSeconds(5))) {
            var first = batchedAsync(batched, good);
            var second = batchedAsync(batched, bad);
            var third = batchedAsync(batched, alsoGood);
            assertThat(first.join()).isInstanceOf(SettlePayment.Settled.class);
            assertThat(third.join()).isInstanceOf(SettlePayment.Settled.class);
            assertThatThrownBy(second::join).hasRootCauseMessage("poisoned settle:" + bad.id().value());
            assertThat(batched.stats().failedBatches()).isEqualTo(1);
        }
        assertThat(harness.wallet(UserId.of("bo")).balance()).isEqualTo(10);
        assertThat(harness.wallet(UserId.of("cy")).balance()).isZero();
        assertThat(harness.wallet(UserId.of("di")).balance()).isEqualTo(10);
        assertThat(harness.payLedger.readPayments().find(bad.id()).orElseThrow().status().isPaid()).isFalse();
        assertThat(harness.payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    private static java.util.concurrent.CompletableFuture<SettlePayment.Result> batchedAsync(BatchedSettlement batched,
                                                                                            Payment payment) {
        var result = new java.util.concurrent.CompletableFuture<SettlePayment.Result>();
        new Thread(() -> {
            try {
                result.complete(batched.settle(Harness.evidence(payment)));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }).start();
        return result;
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
