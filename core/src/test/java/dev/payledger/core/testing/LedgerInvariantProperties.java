package dev.payledger.core.testing;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.UserId;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.Wallet;
import dev.payledger.core.ledger.WalletEntry;
import dev.payledger.core.money.Money;
import dev.payledger.core.payment.ClawbackPolicy;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentStatus;
import dev.payledger.core.payment.RefundPayment;
import dev.payledger.core.wallet.GrantCredits;
import dev.payledger.core.wallet.SpendCredits;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of purchases, duplicate and concurrent settlements, late payments, spends, grants and
 * refunds; after every step each asset sums to zero, each wallet equals the sum of its entries, no balance is
 * negative and no payment is credited twice. Subclasses choose the persistence (in memory, PostgreSQL).
 */
public abstract class LedgerInvariantProperties {
    private static final List<String> USERS = List.of("ana", "bo", "chen");
    private static final List<String> PACKAGES = List.of("starter", "popular", "pro");

    protected abstract Persistence freshPersistence();

    @Property(tries = 60)
    void invariantsHoldAfterEveryStep(@ForAll("steps") List<Step> steps) throws Exception {
        Harness harness = new Harness(freshPersistence());
        List<Payment> payments = new ArrayList<>();
        int n = 0;
        for (Step step : steps) {
            n++;
            UserId user = UserId.of(USERS.get(step.user()));
            switch (step.kind()) {
                case BUY -> {
                    Payment payment = harness.checkout(user, PACKAGES.get(step.amount() % 3));
                    if (payments.stream().noneMatch(p -> p.id().equals(payment.id()))) {
                        payments.add(payment);
                    }
                }
                case SETTLE_TWICE_CONCURRENTLY -> pick(payments, step).ifPresent(p -> settleConcurrently(harness, p));
                case FAIL_THEN_LATE_PAY -> pick(payments, step).ifPresent(p -> {
                    harness.provider.script(p.providerRef().orElseThrow(), new dev.payledger.core.payment.ProviderPaymentState.Failed("declined"));
                    harness.clock.advance(Duration.ofMinutes(6));
                    harness.payLedger.reconcile().run();
                    harness.payLedger.settlePayment().settle(Harness.evidence(p));
                });
                case SPEND -> harness.payLedger.spendCredits().spend(new SpendCredits.Command(user, step.amount() + 1L,
                        "s" + n, "spend"));
                case GRANT -> harness.payLedger.grantCredits().grant(new GrantCredits.Command(user, step.amount() + 1L,
                        EntryType.GRANT, "promo", "g" + n));
                case REFUND_PART -> pick(payments, step).ifPresent(p -> harness.payLedger.refundPayment().refund(
                        new RefundPayment.Command(p.id(), Optional.of(Money.ofMinor(p.amount().currency(),
                                Math.max(1, p.amount().minor() / 3))), "part", ClawbackPolicy.REFUSE)));
                case REFUND_FULL -> pick(payments, step).ifPresent(p -> harness.payLedger.refundPayment().refund(
                        new RefundPayment.Command(p.id(), Optional.empty(), "all", step.amount() % 2 == 0
                                ? ClawbackPolicy.FORCE : ClawbackPolicy.REFUSE)));
            }
            checkInvariants(harness, payments);
        }
    }

    private static Optional<Payment> pick(List<Payment> payments, Step step) {
        return payments.isEmpty() ? Optional.empty() : Optional.of(payments.get(step.amount() % payments.size()));
    }

    private static void settleConcurrently(Harness harness, Payment payment) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> futures = new ArrayList<>();
            futures.add(pool.submit(() -> harness.payLedger.settlePayment().settle(Harness.evidence(payment))));
            futures.add(pool.submit(() -> harness.deliver(harness.capturedEvent(payment))));
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void checkInvariants(Harness harness, List<Payment> payments) {
        var ledger = harness.payLedger.persistence().ledger();
        assertThat(harness.payLedger.verifyLedger().verify().isClean()).isTrue();
        ledger.totalsByAsset().forEach((asset, total) -> assertThat(total).as("asset %s sums to zero", asset).isZero());
        for (String name : USERS) {
            UserId user = UserId.of(name);
            Wallet wallet = harness.wallet(user);
            List<WalletEntry> entries = harness.payLedger.persistence().unitOfWork()
                    .inTransaction(() -> ledger.entries(user, Optional.empty(), 10_000));
            assertThat(entries.stream().mapToLong(WalletEntry::amount).sum()).isEqualTo(wallet.balance());
            assertThat(wallet.balance()).isNotNegative().isEqualTo(wallet.earned() - wallet.spent());
            long purchases = entries.stream().filter(e -> e.type() == EntryType.PURCHASE).count();
            long paid = payments.stream().filter(p -> p.user().equals(user))
                    .map(p -> harness.payLedger.readPayments().find(p.id()).orElseThrow())
                    .filter(p -> p.status().isPaid()).count();
            assertThat(purchases).as("one purchase entry per paid payment of %s", name).isEqualTo(paid);
        }
        long wallets = USERS.stream().mapToLong(u -> harness.wallet(UserId.of(u)).balance()).sum();
        assertThat(wallets + ledger.balance(AccountId.creditsIssued()) + ledger.balance(AccountId.creditsSpent())
                + ledger.balance(AccountId.creditsWrittenOff())).isZero();
        payments.forEach(p -> assertThat(harness.payLedger.readPayments().find(p.id()).orElseThrow().status())
                .isNotEqualTo(PaymentStatus.NEEDS_REVIEW));
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 40)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    enum Kind { BUY, SETTLE_TWICE_CONCURRENTLY, FAIL_THEN_LATE_PAY, SPEND, GRANT, REFUND_PART, REFUND_FULL }

    record Step(Kind kind, int user, int amount) {
    }
}
