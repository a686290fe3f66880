package dev.payledger.stripe;

import dev.payledger.core.payment.ClawbackPolicy;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentStatus;
import dev.payledger.core.payment.Reconcile;
import dev.payledger.core.payment.Refund;
import dev.payledger.core.payment.RefundPayment;
import dev.payledger.core.payment.RefundStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** When webhooks go missing or come out of order, or refunds take their time, PayLedger still ends where Stripe is. */
class StripeRecoveryTest {
    private SandboxWorld world;

    @BeforeEach
    void start() throws Exception {
        world = new SandboxWorld();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void paymentWhoseWebhookWasDroppedIsSettledByTheReconciler() {
        world.stripe.webhooks().knobs().drop(true);
        Payment paid = world.checkout();
        world.stripe.pay(world.session(paid));
        assertThat(world.status(paid)).isEqualTo(PaymentStatus.CREATED);

        world.clock.advance(Duration.ofMinutes(6));
        Reconcile.Report report = world.payLedger.reconcile().run();

        assertThat(report.settled()).isEqualTo(1);
        assertThat(world.status(paid)).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(world.balance()).isEqualTo(10);
    }

    @Test
    void delayedPaymentThatFailedUnseenIsClosedByTheReconciler() {
        world.stripe.webhooks().knobs().drop(true);
        Payment payment = world.checkout();
        world.stripe.payDelayed(world.session(payment));
        world.stripe.completeDelayed(world.session(payment), false);

        world.clock.advance(Duration.ofMinutes(6));
        world.payLedger.reconcile().run();

        assertThat(world.status(payment)).isEqualTo(PaymentStatus.FAILED);
        assertThat(world.balance()).isZero();
    }

    @Test
    void delayedPaymentEventsArrivingInReverseOrderStillCreditOnce() {
        world.stripe.webhooks().knobs().hold(true);
        Payment payment = world.checkout();
        world.stripe.payDelayed(world.session(payment));
        world.stripe.completeDelayed(world.session(payment), true);

        world.stripe.webhooks().releaseHeld(true);

        world.awaitDeliveries(2);
        assertThat(world.receiver.received().get(0).request().header("Stripe-Signature")).isPresent();
        assertThat(world.status(payment)).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(world.balance()).isEqualTo(10);
    }

    @Test
    void pendingRefundCompletesWhenStripeSaysItSucceeded() {
        Payment payment = world.checkout();
        world.stripe.pay(world.session(payment));
        world.awaitStatus(payment, PaymentStatus.CAPTURED);
        world.stripe.refundsPending(true);

        RefundPayment.Result result = world.payLedger.refundPayment().refund(new RefundPayment.Command(payment.id(),
                Optional.empty(), "customer asked", ClawbackPolicy.REFUSE));
        Refund pending = ((RefundPayment.Refunded) result).refund();
        assertThat(pending.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(world.balance()).isZero();

        world.stripe.settleRefund(pending.providerRefundId().orElseThrow(), true);

        SandboxWorld.await(() -> world.payLedger.readPayments().refunds(payment.id()).get(0).status() == RefundStatus.SUCCEEDED);
        assertThat(world.payLedger.readPayments().refunds(payment.id()).get(0).status()).isEqualTo(RefundStatus.SUCCEEDED);
        world.awaitStatus(payment, PaymentStatus.REFUNDED);
    }

    @Test
    void refundTheBankSendsBackReturnsTheCredits() {
        Payment payment = world.checkout();
        world.stripe.pay(world.session(payment));
        world.awaitStatus(payment, PaymentStatus.CAPTURED);
        world.stripe.refundsPending(true);
        Refund pending = ((RefundPayment.Refunded) world.payLedger.refundPayment().refund(new RefundPayment.Command(
                payment.id(), Optional.empty(), "customer asked", ClawbackPolicy.REFUSE))).refund();

        world.stripe.settleRefund(pending.providerRefundId().orElseThrow(), false);

        SandboxWorld.await(() -> world.payLedger.readPayments().refunds(payment.id()).get(0).status() == RefundStatus.FAILED);
        assertThat(world.payLedger.readPayments().refunds(payment.id()).get(0).status()).isEqualTo(RefundStatus.FAILED);
        assertThat(world.status(payment)).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(world.balance()).isEqualTo(10);
    }
}
