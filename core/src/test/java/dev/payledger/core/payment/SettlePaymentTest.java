package dev.payledger.core.payment;

import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.Order;
import dev.payledger.core.order.OrderPaymentStatus;
import dev.payledger.core.testing.Harness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SettlePaymentTest {
    private final Harness harness = new Harness(InMemoryPersistence.create());
    private final UserId ana = UserId.of("ana");

    @Test
    void settlingCreditsTheWalletAndMarksTheOrderPaidAndDelivered() {
        Payment payment = harness.checkout(ana, "starter");
        SettlePayment.Result result = harness.payLedger.settlePayment().settle(Harness.evidence(payment));
        assertThat(result).isInstanceOf(SettlePayment.Settled.class);
        assertThat(((SettlePayment.Settled) result).credits()).isEqualTo(10);
        Order order = harness.payLedger.manageOrder().find(payment.orderId()).orElseThrow();
        assertThat(order.paymentStatus()).isEqualTo(OrderPaymentStatus.PAID);
        assertThat(order.fulfilment()).isEqualTo(dev.payledger.core.order.FulfilmentStatus.DELIVERED);
        assertThat(harness.wallet(ana).balance()).isEqualTo(10);
        assertThat(harness.payLedger.persistence().ledger().balance(AccountId.clearing("fakepay", Harness.INR))).isEqualTo(4900);
    }

    @Test
    void secondSettlementForSamePaymentDoesNotCreditAgain() {
        Payment payment = harness.checkout(ana, "starter");
        harness.payLedger.settlePayment().settle(Harness.evidence(payment));
        assertThat(harness.payLedger.settlePayment().settle(Harness.evidence(payment)))
                .isInstanceOf(SettlePayment.AlreadySettled.class);
        assertThat(harness.wallet(ana).balance()).isEqualTo(10);
    }

    @Test
    void anAmountMismatchIsHeldForReviewAndCreditsNothing() {
        Payment payment = harness.checkout(ana, "pro");
        SettlePayment.Result result = harness.payLedger.settlePayment()
                .settle(Harness.evidence(payment, Money.ofMinor("INR", 100)));
        assertThat(result).isInstanceOf(SettlePayment.NeedsReview.class);
        assertThat(((SettlePayment.NeedsReview) result).reason()).startsWith("amount_mismatch");
        assertThat(harness.wallet(ana).balance()).isZero();
        assertThat(harness.payLedger.readPayments().find(payment.id()).orElseThrow().status())
                .isEqualTo(PaymentStatus.NEEDS_REVIEW);
        assertThat(harness.payLedger.persistence().ledger().balance(AccountId.suspense(Harness.INR))).isEqualTo(-100);
        assertThat(harness.payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    @Test
    void aCurrencyMismatchIsHeldForReviewAndCreditsNothing() {
        Payment payment = harness.checkout(ana, "pro");
        SettlePayment.Result result = harness.payLedger.settlePayment()
                .settle(Harness.evidence(payment, Money.ofMinor("USD", 34900)));
        assertThat(((SettlePayment.NeedsReview) result).reason()).startsWith("currency_mismatch");
        assertThat(harness.wallet(ana).balance()).isZero();
        assertThat(harness.payLedger.settlePayment().settle(Harness.evidence(payment)))
                .as("a matching confirmation later does not bypass the review").isInstanceOf(SettlePayment.NeedsReview.class);
        assertThat(harness.wallet(ana).balance()).isZero();
    }

    @Test
    void moneyArrivingAfterFailureOrCancelIsStillSettled() {
        Payment failed = harness.checkout(ana, "starter");
        harness.deliver(new ProviderEvent("fakepay", "evt_f", "payment.failed", new EventFact.PaymentFailed(
                PaymentReference.byProviderRef(failed.providerRef().orElseThrow()), "bank declined")));
        assertThat(harness.payLedger.readPayments().find(failed.id()).orElseThrow().status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(harness.payLedger.settlePayment().settle(Harness.evidence(failed))).isInstanceOf(SettlePayment.Settled.class);

        Payment cancelled = harness.checkout(ana, "pro");
        harness.payLedger.cancelPayment().cancel(ana, cancelled.id());
        assertThat(harness.payLedger.settlePayment().settle(Harness.evidence(cancelled))).isInstanceOf(SettlePayment.Settled.class);
        assertThat(harness.wallet(ana).balance()).isEqualTo(110);
    }

    @Test
    void aSecondPaymentForAnAlreadyPaidOrderIsHeldForReview() {
        Payment first = harness.checkout(ana, "starter");
        Payment second = harness.payLedger.persistence().unitOfWork().inTransaction(() -> {
            Payment p = Payment.create(new PaymentId("pay_second"), first.orderId(), ana, "fakepay", "order:x",
                    first.amount(), harness.clock.instant()).opened("fakepay_ref_second", Map.of(), harness.clock.instant());
            harness.payLedger.persistence().payments().insert(p);
            return p;
        });
        harness.payLedger.settlePayment().settle(Harness.evidence(first));
        SettlePayment.Result result = harness.payLedger.settlePayment().settle(Harness.evidence(second));
        assertThat(((SettlePayment.NeedsReview) result).reason()).startsWith("order_already_paid");
        assertThat(harness.wallet(ana).balance()).isEqualTo(10);
    }

    @Test
    void evidenceForAnotherProvidersPaymentMatchesNothing() {
        Payment payment = harness.checkout(ana, "starter");
        SettlementEvidence forged = new SettlementEvidence("otherpay",
                PaymentReference.of(payment.providerRef().orElseThrow(), payment.id(), null), "x", payment.amount());
        assertThat(harness.payLedger.settlePayment().settle(forged)).isInstanceOf(SettlePayment.UnknownPayment.class);
        assertThat(harness.wallet(ana).balance()).isZero();
    }
}
