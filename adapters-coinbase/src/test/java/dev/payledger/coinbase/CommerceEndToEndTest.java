package dev.payledger.coinbase;

import dev.payledger.core.PayLedger;
import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.payment.HandleProviderEvent;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentStatus;
import dev.payledger.core.payment.ReceiveWebhook;
import dev.payledger.core.payment.Verification;
import dev.payledger.sandbox.coinbase.CoinbaseEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The legacy Commerce charges variant end to end: charge → pay → charge:pending, charge:confirmed → credited once. */
class CommerceEndToEndTest {
    private static final UserId BOB = UserId.of("bob");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private CoinbaseEmulator emulator;
    private WebhookReceiver receiver;
    private PayLedger payLedger;

    @BeforeEach
    void start() throws Exception {
        emulator = CoinbaseEmulator.start(0);
        payLedger = PayLedger.builder().persistence(InMemoryPersistence.create())
                .provider(Coinbase.provider(Fixtures.commerce(emulator))).build();
        receiver = new WebhookReceiver(payLedger);
        emulator.webhookTarget(receiver.url());
    }

    @AfterEach
    void stop() {
        emulator.close();
        receiver.close();
    }

    @Test
    void confirmedChargeCreditsTheWalletOnceAfterThePendingEventIsRecorded() {
        emulator.confirmationDelay(Duration.ofMillis(200));
        Payment payment = startStarterCheckout();

        emulator.pay(payment.providerRef().orElseThrow());

        Eventually.within(WAIT, () -> assertThat(balance()).isEqualTo(10));
        assertThat(status(payment)).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(receiver.results(ReceiveWebhook.Accepted.class)).extracting(ReceiveWebhook.Accepted::outcome)
                .anySatisfy(outcome -> assertThat(outcome).isInstanceOf(HandleProviderEvent.Ignored.class));
    }

    @Test
    void duplicateDeliveriesDoNotCreditAgain() {
        emulator.webhooks().knobs().duplicate(true);
        Payment payment = startStarterCheckout();

        emulator.pay(payment.providerRef().orElseThrow());

        Eventually.within(WAIT, () -> assertThat(receiver.results(ReceiveWebhook.Duplicate.class)).hasSizeGreaterThanOrEqualTo(3));
        Eventually.within(WAIT, () -> assertThat(balance()).isEqualTo(10));
        assertThat(payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    @Test
    void aPaymentAfterExpiryArrivesAsChargeDelayedAndStillSettles() {
        Payment payment = startStarterCheckout();
        emulator.expire(payment.providerRef().orElseThrow());
        Eventually.within(WAIT, () -> assertThat(status(payment)).isEqualTo(PaymentStatus.FAILED));

        emulator.payLate(payment.providerRef().orElseThrow());

        Eventually.within(WAIT, () -> assertThat(balance()).isEqualTo(10));
        assertThat(status(payment)).isEqualTo(PaymentStatus.CAPTURED);
        emulator.resolve(payment.providerRef().orElseThrow());
        Eventually.within(WAIT, () -> assertThat(receiver.results(ReceiveWebhook.Accepted.class)).hasSize(4));
        assertThat(balance()).isEqualTo(10);
    }

    @Test
    void aWebhookSignedWithAnotherSecretIsRejected() {
        emulator.secrets(CoinbaseEmulator.TEST_WEBHOOK_SECRET, CoinbaseEmulator.TEST_COMMERCE_API_KEY, "someone-else");
        Payment payment = startStarterCheckout();

        emulator.pay(payment.providerRef().orElseThrow());

        Eventually.within(WAIT, () -> assertThat(receiver.results(ReceiveWebhook.Rejected.class)).isNotEmpty());
        assertThat(receiver.results(ReceiveWebhook.Rejected.class).get(0).reason())
                .isEqualTo(Verification.Reason.INVALID_SIGNATURE);
        assertThat(balance()).isZero();
    }

    private Payment startStarterCheckout() {
        return Fixtures.startStarterCheckout(payLedger, BOB);
    }

    private long balance() {
        return payLedger.readWallet().wallet(BOB).balance();
    }

    private PaymentStatus status(Payment payment) {
        return Fixtures.status(payLedger, payment);
    }
}
