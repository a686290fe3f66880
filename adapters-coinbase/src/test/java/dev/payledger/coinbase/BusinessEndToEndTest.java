package dev.payledger.coinbase;

import dev.payledger.core.PayLedger;
import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.inmemory.ManualClock;
import dev.payledger.core.payment.ClawbackPolicy;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentStatus;
import dev.payledger.core.payment.ReceiveWebhook;
import dev.payledger.core.payment.Reconcile;
import dev.payledger.core.payment.RefundPayment;
import dev.payledger.core.payment.RefundStatus;
import dev.payledger.core.payment.Verification;
import dev.payledger.sandbox.coinbase.CoinbaseEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coinbase Business checkouts end to end: PayLedger (in memory) → our gateway → the emulator's hosted page →
 * a Hook0-signed webhook → our receiver → settle, exactly once.
 */
class BusinessEndToEndTest {
    private static final UserId ALICE = UserId.of("alice");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private CoinbaseEmulator emulator;
    private WebhookReceiver receiver;
    private PayLedger payLedger;
    private ManualClock clock;

    @BeforeEach
    void start() throws Exception {
        emulator = CoinbaseEmulator.start(0);
        clock = new ManualClock(Instant.now());
        payLedger = PayLedger.builder().persistence(InMemoryPersistence.create()).clock(clock)
                .provider(Coinbase.provider(Fixtures.business(emulator), Clock.systemUTC())).build();
        receiver = new WebhookReceiver(payLedger);
        emulator.webhookTarget(receiver.url());
    }

    @AfterEach
    void stop() {
        emulator.close();
        receiver.close();
    }

    @Test
    void paidCheckoutCreditsTheWalletOnceWhenTheWebhookArrives() {
        Payment payment = startStarterCheckout();
        assertThat(payment.checkout().get("url")).startsWith(emulator.baseUri() + "/pay/");

        emulator.pay(payment.providerRef().orElseThrow());

        Eventually.within(WAIT, () -> assertThat(balance()).isEqualTo(10));
        assertThat(status(payment)).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    @Test
    void duplicateDeliveriesDoNotCreditAgain() {
        emulator.webhooks().knobs().duplicate(true);
        Payment payment = startStarterCheckout();

        emulator.pay(payment.providerRef().orElseThrow());

        Eventually.within(WAIT, () -> assertThat(receiver.results(ReceiveWebhook.Duplicate.class)).hasSize(1));
        assertThat(balance()).isEqualTo(10);
        assertThat(receiver.results(ReceiveWebhook.Accepted.class)).hasSize(1);
    }

    @Test
    void slowConfirmationsLeaveThePaymentOpenUntilTheWebhook() {
        emulator.confirmationDelay(Duration.ofMillis(300));
        Payment payment = startStarterCheckout();

        emulator.pay(payment.providerRef().orElseThrow());

        assertThat(status(payment)).isEqualTo(PaymentStatus.CREATED);
        Eventually.within(WAIT, () -> assertThat(balance()).isEqualTo(10));
    }

    @Test
    void aWebhookWithAStaleTimestampIsRejectedAndCreditsNothing() {
        emulator.webhookTimestampSkew(Duration.ofMinutes(-10));
        Payment payment = startStarterCheckout();

        emulator.pay(payment.providerRef().orElseThrow());

        Eventually.within(WAIT, () -> assertThat(receiver.results(ReceiveWebhook.Rejected.class)).isNotEmpty());
        assertThat(receiver.results(ReceiveWebhook.Rejected.class).get(0).reason())
                .isEqualTo(Verification.Reason.STALE_TIMESTAMP);
        assertThat(balance()).isZero();
        assertThat(status(payment)).isEqualTo(PaymentStatus.CREATED);
    }

    @Test
    void aValidV0BesideAWrongV1IsRejectedAndCreditsNothing() {
        emulator.corruptV1(true);
        Payment payment = startStarterCheckout();

        emulator.pay(payment.providerRef().orElseThrow());

        Eventually.within(WAIT, () -> assertThat(receiver.results(ReceiveWebhook.Rejected.class)).isNotEmpty());
        assertThat(receiver.results(ReceiveWebhook.Rejected.class).get(0).reason())
                .isEqualTo(Verification.Reason.INVALID_SIGNATURE);
        assertThat(balance()).isZero();
    }

    @Test
    void lostWebhookIsMadeUpByTheReconcilerAfterTheCryptoWait() {
        emulator.webhooks().knobs().drop(true);
        Payment payment = startStarterCheckout();
        emulator.pay(payment.providerRef().orElseThrow());

        clock.advance(Duration.ofMinutes(10));
        Reconcile.Report tooEarly = payLedger.reconcile().run();
        clock.advance(Duration.ofMinutes(25));
        Reconcile.Report report = payLedger.reconcile().run();

        assertThat(tooEarly.checked()).isZero();
        assertThat(report.settled()).isEqualTo(1);
        assertThat(balance()).isEqualTo(10);
    }

    @Test
    void expiredCheckoutIsClosedAndALatePaymentStillSettles() {
        Payment payment = startStarterCheckout();
        emulator.expire(payment.providerRef().orElseThrow());
        Eventually.within(WAIT, () -> assertThat(status(payment)).isEqualTo(PaymentStatus.EXPIRED));

        emulator.payLate(payment.providerRef().orElseThrow());

        Eventually.within(WAIT, () -> assertThat(balance()).isEqualTo(10));
        assertThat(status(payment)).isEqualTo(PaymentStatus.CAPTURED);
    }

    @Test
    void refundOfAPaidCheckoutCompletesWhenCoinbaseConfirmsIt() {
        Payment payment = startStarterCheckout();
        emulator.pay(payment.providerRef().orElseThrow());
        Eventually.within(WAIT, () -> assertThat(balance()).isEqualTo(10));
        emulator.confirmationDelay(Duration.ofMillis(200));

        RefundPayment.Result result = payLedger.refundPayment().refund(
                new RefundPayment.Command(payment.id(), Optional.empty(), "customer asked", ClawbackPolicy.REFUSE));

        assertThat(result).isInstanceOfSatisfying(RefundPayment.Refunded.class,
                refunded -> assertThat(refunded.refund().status()).isEqualTo(RefundStatus.PENDING));
        Eventually.within(WAIT, () -> assertThat(payLedger.readPayments().refunds(payment.id()))
                .singleElement().satisfies(refund -> assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED)));
        assertThat(status(payment)).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(balance()).isZero();
        assertThat(payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    private Payment startStarterCheckout() {
        return Fixtures.startStarterCheckout(payLedger, ALICE);
    }

    private long balance() {
        return payLedger.readWallet().wallet(ALICE).balance();
    }

    private PaymentStatus status(Payment payment) {
        return Fixtures.status(payLedger, payment);
    }
}
