package dev.payledger.core.payment;

import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.testing.Harness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcileAndConfirmTest {
    private final Harness harness = new Harness(InMemoryPersistence.create());
    private final UserId ana = UserId.of("ana");

    @Test
    void theReconcilerSettlesWhatTheProviderSaysIsPaidAndLeavesYoungPaymentsAlone() {
        Payment payment = harness.checkout(ana, "starter");
        harness.provider.script(payment.providerRef().orElseThrow(), new ProviderPaymentState.Paid(Harness.evidence(payment)));
        assertThat(harness.payLedger.reconcile().run().checked()).as("younger than 5 minutes").isZero();
        harness.clock.advance(Duration.ofMinutes(6));
        Reconcile.Report report = harness.payLedger.reconcile().run();
        assertThat(report.settled()).isEqualTo(1);
        assertThat(harness.wallet(ana).balance()).isEqualTo(10);
        assertThat(harness.payLedger.reconcile().run().checked()).isZero();
    }

    @Test
    void theReconcilerRecordsFailuresAndExpiresWhatStaysOpenTooLong() {
        Payment failed = harness.checkout(ana, "starter");
        Payment forgotten = harness.checkout(ana, "pro");
        harness.provider.script(failed.providerRef().orElseThrow(), new ProviderPaymentState.Failed("card declined"));
        harness.clock.advance(Duration.ofMinutes(6));
        Reconcile.Report first = harness.payLedger.reconcile().run();
        assertThat(first.failed()).isEqualTo(1);
        assertThat(first.stillOpen()).isEqualTo(1);

        harness.clock.advance(Duration.ofDays(4));
        Reconcile.Report later = harness.payLedger.reconcile().run();
        assertThat(later.expired()).isEqualTo(1);
        assertThat(harness.payLedger.readPayments().find(forgotten.id()).orElseThrow().status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(harness.provider.cancelled()).contains(forgotten.providerRef().orElseThrow());
    }

    @Test
    void aProviderOutageIsReportedAndRetriedOnTheNextRun() {
        Payment payment = harness.checkout(ana, "starter");
        harness.clock.advance(Duration.ofMinutes(6));
        harness.provider.failRetryably();
        assertThat(harness.payLedger.reconcile().run().errors()).hasSize(1);
        harness.provider.recover();
        harness.provider.script(payment.providerRef().orElseThrow(), new ProviderPaymentState.Paid(Harness.evidence(payment)));
        assertThat(harness.payLedger.reconcile().run().settled()).isEqualTo(1);
    }

    @Test
    void aClientCallbackIsSettledOnlyFromTheProvidersAnswer() {
        Payment payment = harness.checkout(ana, "starter");
        harness.provider.scriptConfirmation(new ClientConfirmation.Rejected("invalid_signature", "Invalid signature"));
        ConfirmClientPayment.Result forged = harness.payLedger.confirmClientPayment()
                .confirm(new ConfirmClientPayment.Command(ana, payment.id(), Map.of("razorpay_signature", "forged")));
        assertThat(forged).isEqualTo(new ConfirmClientPayment.Refused(ConfirmClientPayment.Refusal.INVALID_CALLBACK,
                "Invalid signature"));

        assertThat(harness.payLedger.confirmClientPayment().confirm(new ConfirmClientPayment.Command(UserId.of("mallory"),
                payment.id(), Map.of()))).isInstanceOf(ConfirmClientPayment.Refused.class)
                .extracting("reason").isEqualTo(ConfirmClientPayment.Refusal.NOT_YOUR_PAYMENT);

        harness.provider.scriptConfirmation(new ClientConfirmation.Verified(new ProviderPaymentState.Pending("authorizing")));
        assertThat(harness.payLedger.confirmClientPayment().confirm(new ConfirmClientPayment.Command(ana, payment.id(),
                Map.of()))).extracting("reason").isEqualTo(ConfirmClientPayment.Refusal.NOT_CAPTURED);
        assertThat(harness.wallet(ana).balance()).isZero();

        harness.provider.scriptConfirmation(new ClientConfirmation.Verified(
                new ProviderPaymentState.Paid(Harness.evidence(payment))));
        ConfirmClientPayment.Result confirmed = harness.payLedger.confirmClientPayment()
                .confirm(new ConfirmClientPayment.Command(ana, payment.id(), Map.of()));
        assertThat(((ConfirmClientPayment.Confirmed) confirmed).settlement()).isInstanceOf(SettlePayment.Settled.class);
        harness.deliver(harness.capturedEvent(payment));
        assertThat(harness.wallet(ana).balance()).as("callback then webhook credits once").isEqualTo(10);
    }

    @Test
    void anAuthorizationOfTheWrongAmountIsHeldForReviewAndNotCaptured() {
        Payment payment = harness.checkout(ana, "pro");
        harness.deliver(new ProviderEvent("fakepay", "evt_auth", "payment.authorized", new EventFact.PaymentAuthorized(
                Harness.evidence(payment, dev.payledger.core.money.Money.ofMinor("INR", 100)))));
        Payment held = harness.payLedger.readPayments().find(payment.id()).orElseThrow();
        assertThat(held.status()).isEqualTo(PaymentStatus.NEEDS_REVIEW);
        assertThat(held.failureReason()).hasValueSatisfying(r -> assertThat(r).startsWith("authorized_amount_mismatch"));
        assertThat(harness.payLedger.persistence().ledger().totalsByAsset()).as("no money posted").isEmpty();
        assertThat(harness.wallet(ana).balance()).isZero();
    }

    @Test
    void aMatchingAuthorizationIsCapturedAndSettled() {
        Payment payment = harness.checkout(ana, "pro");
        harness.provider.script(payment.providerRef().orElseThrow(), new ProviderPaymentState.Paid(Harness.evidence(payment)));
        harness.deliver(new ProviderEvent("fakepay", "evt_auth", "payment.authorized",
                new EventFact.PaymentAuthorized(Harness.evidence(payment))));
        assertThat(harness.wallet(ana).balance()).isEqualTo(100);
    }
}
