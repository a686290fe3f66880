package dev.payledger.jdbc;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.UserId;
import dev.payledger.core.idempotency.IdempotencyKeys.Claim;
import dev.payledger.core.inbox.InboundEvent;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.Posting;
import dev.payledger.core.ledger.Wallet;
import dev.payledger.core.outbox.OutboxEvent;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentStatus;
import dev.payledger.core.payment.SettlePayment;
import dev.payledger.core.payment.SettlementEvidence;
import dev.payledger.core.testing.Harness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static dev.payledger.jdbc.contract.Fixtures.ALICE;
import static dev.payledger.jdbc.contract.Fixtures.BOB;
import static dev.payledger.jdbc.contract.Fixtures.at;
import static dev.payledger.jdbc.contract.Fixtures.grant;
import static dev.payledger.jdbc.contract.Fixtures.payment;
import static dev.payledger.jdbc.contract.Fixtures.purchase;
import static dev.payledger.jdbc.contract.Fixtures.spend;
import static org.assertj.core.api.Assertions.assertThat;

/** Many threads on one real PostgreSQL: the schema and the conditional updates decide, not JVM locks. */
class ConcurrencyTest {
    private Persistence persistence;

    @BeforeEach
    void emptyDatabase() {
        persistence = TestDatabase.cleanPersistence();
    }

    /** Port-level settlement: read the payment, compare-and-set it to CAPTURED, post the credit. */
    private boolean settle(Payment original) {
        return persistence.unitOfWork().inTransaction(() -> {
            Payment payment = persistence.payments().find(original.id()).orElseThrow();
            if (!PaymentStatus.SETTLEABLE.contains(payment.status())) {
                return false;
            }
            if (!persistence.payments().update(payment.moveTo(PaymentStatus.CAPTURED, at(60)))) {
                return false;
            }
            return persistence.ledger().post(purchase("settle:" + payment.id(), payment.user(), 50))
                    instanceof Posting.Posted;
        });
    }

    private Payment openPayment(String id) {
        Payment created = payment(id, ALICE, "razorpay", at(0));
        persistence.payments().insert(created);
        Payment opened = created.opened("order_" + id, Map.of(), at(1));
        persistence.payments().update(opened);
        return opened;
    }

    @Test
    void sixtyFourThreadsSettlingTheSamePaymentCreditItOnce() throws Exception {
        Harness harness = new Harness(persistence);
        Payment payment = harness.checkout(ALICE, "popular");
        SettlementEvidence evidence = Harness.evidence(payment);

        long began = System.nanoTime();
        List<SettlePayment.Result> results = Race.run(64, thread -> harness.payLedger.settlePayment().settle(evidence));
        System.out.printf("64 threads settling one payment through SettlePayment: %d ms%n",
                (System.nanoTime() - began) / 1_000_000);

        assertThat(results).filteredOn(SettlePayment.Settled.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(SettlePayment.AlreadySettled.class::isInstance).hasSize(63);
        Wallet wallet = harness.wallet(ALICE);
        assertThat(wallet.balance()).isPositive().isEqualTo(wallet.earned());
        assertThat(persistence.ledger().entries(ALICE, Optional.empty(), 100)).singleElement()
                .satisfies(entry -> assertThat(entry.transactionKey()).isEqualTo("settle:" + payment.id()));
        assertThat(persistence.payments().find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(persistence.ledger().totalsByAsset().values()).containsOnly(0L);
        assertThat(persistence.ledger().walletsOutOfBalance()).isEmpty();
    }

    /** The same race one level down: read, compare-and-set, post, with nothing from core's use cases. */
    @Test
    void sixtyFourThreadsSettlingTheSamePaymentAtPortLevelCreditItOnce() throws Exception {
        Payment payment = openPayment("pay_race");

        List<Boolean> settled = Race.run(64, thread -> settle(payment));

        assertThat(settled).containsOnlyOnce(true);
        assertThat(persistence.ledger().wallet(ALICE)).isEqualTo(new Wallet(ALICE, 50, 50, 0));
        assertThat(persistence.ledger().entries(ALICE, Optional.empty(), 100)).hasSize(1);
        assertThat(persistence.payments().find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
    }

    @Test
    void sixtyFourThreadsSettlingDistinctPaymentsCreditEachOnce() throws Exception {
        Harness harness = new Harness(persistence);
        int perThread = 3;
        List<Payment> payments = IntStream.range(0, 64 * perThread)
                .mapToObj(i -> harness.checkout(UserId.of("user" + i), "starter")).toList();

        long began = System.nanoTime();
        List<Long> settled = Race.run(64, thread -> IntStream.range(0, perThread)
                .mapToObj(i -> harness.payLedger.settlePayment().settle(Harness.evidence(payments.get(thread * perThread + i))))
                .filter(SettlePayment.Settled.class::isInstance).count());
        double seconds = (System.nanoTime() - began) / 1e9;

        long total = settled.stream().mapToLong(Long::longValue).sum();
        System.out.printf("64 threads settled %d distinct payments through SettlePayment in %.2f s: %.0f settlements/s%n",
                total, seconds, total / seconds);
        assertThat(total).isEqualTo(payments.size());
        assertThat(persistence.ledger().walletsOutOfBalance()).isEmpty();
        assertThat(persistence.ledger().totalsByAsset().values()).containsOnly(0L);
    }

    @Test
    void thirtyTwoConcurrentSpendsOnAWalletThatAffordsTenLetExactlyTenThrough() throws Exception {
        persistence.ledger().post(grant("grant:1", BOB, 10));

        List<Posting> postings = Race.run(32, thread -> persistence.unitOfWork().inTransaction(
                () -> persistence.ledger().post(spend("spend:" + thread, BOB, 1))));

        assertThat(postings).filteredOn(Posting.Posted.class::isInstance).hasSize(10);
        assertThat(postings).filteredOn(Posting.InsufficientFunds.class::isInstance).hasSize(22);
        assertThat(persistence.ledger().wallet(BOB)).isEqualTo(new Wallet(BOB, 0, 10, 10));
        assertThat(persistence.ledger().entries(BOB, Optional.empty(), 100)).hasSize(11);
        assertThat(persistence.ledger().balance(AccountId.creditsSpent())).isEqualTo(10);
        assertThat(persistence.ledger().walletsOutOfBalance()).isEmpty();
    }

    @Test
    void workersOnSeveralConnectionsNeverClaimTheSameInboxEvent() throws Exception {
        for (int i = 0; i < 200; i++) {
            persistence.inbox().store(InboundEvent.received("razorpay", "evt_" + i, "payment.captured", new byte[] {1},
                    at(0)));
        }

        List<List<Long>> claims = Race.run(8, worker -> {
            List<Long> mine = new java.util.ArrayList<>();
            List<InboundEvent> batch;
            do {
                batch = persistence.inbox().claimDue(at(10), at(3600), 7);
                batch.forEach(event -> mine.add(event.id()));
            } while (!batch.isEmpty());
            return mine;
        });

        List<Long> all = claims.stream().flatMap(Collection::stream).toList();
        assertThat(all).hasSize(200).doesNotHaveDuplicates();
    }

    @Test
    void concurrentClaimsOfOneIdempotencyKeyHaveOneWinner() throws Exception {
        List<Claim> claims = Race.run(16, thread -> persistence.idempotencyKeys()
                .claim(ALICE, "checkout-1", "fp", at(0), at(-60)));

        assertThat(claims).filteredOn(Claim.Claimed.class::isInstance).hasSize(1);
        assertThat(claims).filteredOn(Claim.InProgress.class::isInstance).hasSize(15);
    }

    @Test
    void concurrentAppendsGetDistinctSequencesAndAllAreRead() throws Exception {
        List<Long> sequences = Race.run(16, thread -> persistence.unitOfWork().inTransaction(() -> persistence.outbox()
                .append(OutboxEvent.of("wallet.credited", ALICE, "t" + thread, Map.of(), at(0))).sequence()));

        assertThat(sequences).doesNotHaveDuplicates();
        assertThat(persistence.outbox().readAfter(0, 100)).extracting(OutboxEvent::sequence)
                .containsExactlyElementsOf(sequences.stream().sorted().toList());
    }

    /**
     * The trap of every outbox numbered by a sequence: a transaction that drew a lower number commits after
     * one that drew a higher number. A reader must not hand out the higher one first and move past the lower.
     */
    @Test
    void aReaderNeverMovesPastAnEventStillBeingCommitted() throws Exception {
        java.util.concurrent.CountDownLatch slowAppended = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch letSlowCommit = new java.util.concurrent.CountDownLatch(1);
        Thread slow = new Thread(() -> persistence.unitOfWork().inTransaction(() -> {
            persistence.outbox().append(OutboxEvent.of("payment.paid", ALICE, "slow", Map.of(), at(0)));
            slowAppended.countDown();
            awaitUninterruptibly(letSlowCommit);
            return null;
        }));
        slow.start();
        slowAppended.await();
        OutboxEvent fast = persistence.outbox().append(OutboxEvent.of("payment.paid", BOB, "fast", Map.of(), at(1)));

        List<OutboxEvent> whileSlowIsOpen = persistence.outbox().readAfter(0, 10);
        letSlowCommit.countDown();
        slow.join();
        List<OutboxEvent> afterwards = persistence.outbox().readAfter(0, 10);

        assertThat(whileSlowIsOpen).isEmpty();
        assertThat(afterwards).extracting(OutboxEvent::subject).containsExactly("slow", "fast");
        assertThat(afterwards.get(1).sequence()).isEqualTo(fast.sequence());
    }

    private static void awaitUninterruptibly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
