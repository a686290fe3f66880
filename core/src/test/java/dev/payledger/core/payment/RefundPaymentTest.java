package dev.payledger.core.payment;

import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.OrderPaymentStatus;
import dev.payledger.core.testing.Harness;
import dev.payledger.core.wallet.SpendCredits;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RefundPaymentTest {
    private final Harness harness = new Harness(InMemoryPersistence.create());
    private final UserId ana = UserId.of("ana");

    private Payment paidPro() {
        Payment payment = harness.checkout(ana, "pro");
        harness.payLedger.settlePayment().settle(Harness.evidence(payment));
        return payment;
    }

    private RefundPayment.Result refund(Payment payment, Long paise, ClawbackPolicy policy) {
        return harness.payLedger.refundPayment().refund(new RefundPayment.Command(payment.id(),
                Optional.ofNullable(paise).map(p -> Money.ofMinor("INR", p)), "customer asked", policy));
    }

    @Test
    void aPartialThenAFullRefundClawsBackProportionallyAndEverythingInTheEnd() {
        Payment payment = paidPro();
        RefundPayment.Result partial = refund(payment, 10000L, ClawbackPolicy.REFUSE);
        assertThat(((RefundPayment.Refunded) partial).refund().status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(((RefundPayment.Refunded) partial).refund().creditsClawedBack()).isEqualTo(29);
        assertThat(harness.wallet(ana).balance()).isEqualTo(71);
        assertThat(harness.payLedger.readPayments().find(payment.id()).orElseThrow().status())
                .isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);

        RefundPayment.Result rest = refund(payment, null, ClawbackPolicy.REFUSE);
        assertThat(((RefundPayment.Refunded) rest).refund().amount()).isEqualTo(Money.ofMinor("INR", 24900));
        assertThat(harness.wallet(ana).balance()).isZero();
        assertThat(harness.payLedger.readPayments().find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(harness.payLedger.manageOrder().find(payment.orderId()).orElseThrow().paymentStatus())
                .isEqualTo(OrderPaymentStatus.REFUNDED);
        assertThat(harness.payLedger.persistence().ledger().balance(AccountId.clearing("fakepay", Harness.INR))).isZero();
        assertThat(harness.provider.refunds()).hasSize(2);
        assertThat(harness.payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    @Test
    void moreThanWasPaidCannotBeRefunded() {
        Payment payment = paidPro();
        assertThat(refusal(refund(payment, 34901L, ClawbackPolicy.REFUSE))).isEqualTo(RefundPayment.Refusal.AMOUNT_TOO_LARGE);
        assertThat(refusal(refund(payment, 0L, ClawbackPolicy.REFUSE))).isEqualTo(RefundPayment.Refusal.INVALID_AMOUNT);
        assertThat(harness.provider.refunds()).isEmpty();
    }

    @Test
    void anUnpaidPaymentIsNotRefundable() {
        Payment open = harness.checkout(ana, "starter");
        assertThat(refusal(refund(open, null, ClawbackPolicy.REFUSE))).isEqualTo(RefundPayment.Refusal.NOT_REFUNDABLE);
    }

    @Test
    void spentCreditsRefuseTheRefundByDefaultAndNothingChanges() {
        Payment payment = paidPro();
        harness.payLedger.spendCredits().spend(new SpendCredits.Command(ana, 80, "s1", "reports"));
        assertThat(refusal(refund(payment, null, ClawbackPolicy.REFUSE))).isEqualTo(RefundPayment.Refusal.CREDITS_ALREADY_SPENT);
        assertThat(harness.wallet(ana).balance()).isEqualTo(20);
        assertThat(harness.payLedger.readPayments().refunds(payment.id())).isEmpty();
        assertThat(harness.provider.refunds()).isEmpty();
    }

    @Test
    void aForcedRefundClawsBackWhatIsLeftAndWritesOffTheRest() {
        Payment payment = paidPro();
        harness.payLedger.spendCredits().spend(new SpendCredits.Command(ana, 80, "s1", "reports"));
        assertThat(refund(payment, null, ClawbackPolicy.FORCE)).isInstanceOf(RefundPayment.Refunded.class);
        assertThat(harness.wallet(ana).balance()).isZero();
        assertThat(harness.payLedger.persistence().ledger().balance(AccountId.creditsWrittenOff())).isEqualTo(-80);
        assertThat(harness.payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    @Test
    void aDeclinedRefundGivesTheCreditsBack() {
        Payment payment = paidPro();
        harness.provider.scriptRefunds(new RefundOutcome.Failed("insufficient balance at the provider"));
        assertThat(refusal(refund(payment, null, ClawbackPolicy.REFUSE))).isEqualTo(RefundPayment.Refusal.PROVIDER_DECLINED);
        assertThat(harness.wallet(ana).balance()).isEqualTo(100);
        assertThat(harness.payLedger.readPayments().find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
    }

    @Test
    void aPendingRefundCompletesWhenTheProvidersEventArrivesOnce() {
        Payment payment = paidPro();
        harness.provider.scriptRefunds(new RefundOutcome.Pending("rfnd_1"));
        Refund refund = ((RefundPayment.Refunded) refund(payment, 10000L, ClawbackPolicy.REFUSE)).refund();
        assertThat(refund.status()).isEqualTo(RefundStatus.PENDING);
        ProviderEvent processed = new ProviderEvent("fakepay", "evt_r1", "refund.processed", new EventFact.RefundSucceeded(
                PaymentReference.byProviderRef(payment.providerRef().orElseThrow()), "rfnd_1", Optional.of(refund.id()),
                Money.ofMinor("INR", 10000)));
        harness.deliver(processed);
        harness.deliver(new ProviderEvent("fakepay", "evt_r1_again", "refund.processed", processed.fact()));
        assertThat(harness.payLedger.readPayments().refunds(payment.id())).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(RefundStatus.SUCCEEDED));
        assertThat(harness.payLedger.readPayments().find(payment.id()).orElseThrow().refunded())
                .isEqualTo(Money.ofMinor("INR", 10000));
    }

    @Test
    void aRefundMadeInTheProvidersDashboardIsRecordedAndClawsBack() {
        Payment payment = paidPro();
        harness.deliver(new ProviderEvent("fakepay", "evt_dash", "refund.processed", new EventFact.RefundSucceeded(
                PaymentReference.byProviderRef(payment.providerRef().orElseThrow()), "rfnd_dash", Optional.empty(),
                Money.ofMinor("INR", 34900))));
        assertThat(harness.payLedger.readPayments().find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(harness.wallet(ana).balance()).isZero();
        assertThat(harness.payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    private static RefundPayment.Refusal refusal(RefundPayment.Result result) {
        assertThat(result).isInstanceOf(RefundPayment.Refused.class);
        return ((RefundPayment.Refused) result).reason();
    }

    @Test
    void aRefundEventThatOvertakesTheProvidersAnswerCompletesOurRefundInsteadOfClawingBackTwice() {
        Payment payment = paidPro();
        harness.provider.scriptRefunds(new RefundOutcome.Pending("rfnd_fast"));
        harness.provider.failRetryably();
        assertThat(refusal(refund(payment, 10000L, ClawbackPolicy.REFUSE))).isEqualTo(RefundPayment.Refusal.PROVIDER_FAILED);
        assertThat(harness.wallet(ana).balance()).isEqualTo(71);
        harness.provider.recover();
        harness.deliver(new ProviderEvent("fakepay", "evt_fast", "refund.processed", new EventFact.RefundSucceeded(
                PaymentReference.byProviderRef(payment.providerRef().orElseThrow()), "rfnd_fast", Optional.empty(),
                Money.ofMinor("INR", 10000))));
        assertThat(harness.payLedger.readPayments().refunds(payment.id())).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RefundStatus.SUCCEEDED);
            assertThat(r.providerRefundId()).contains("rfnd_fast");
        });
        assertThat(harness.wallet(ana).balance()).as("clawed back once").isEqualTo(71);
        assertThat(harness.payLedger.verifyLedger().verify().isClean()).isTrue();
    }
}
