package dev.payledger.stripe;

import dev.payledger.core.money.Money;
import dev.payledger.core.payment.ClawbackPolicy;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentStatus;
import dev.payledger.core.payment.ReceiveWebhook;
import dev.payledger.core.payment.RefundPayment;
import dev.payledger.core.payment.RefundStatus;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import static dev.payledger.stripe.SandboxWorld.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The card flow end to end: PayLedger (in memory) opens a Checkout Session on the Stripe sandbox through
 * stripe-java, the payer acts on the hosted page, the sandbox signs and delivers webhooks to a local receiver
 * that calls {@code receiveWebhook()}, and the wallet is credited exactly once.
 */
class StripeEndToEndTest {
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
    void payingOnTheHostedPageCreditsTheWalletOnce() throws Exception {
        Payment payment = world.checkout();

        HttpResponse<Void> paid = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(payment.checkout().get("url") + "/pay")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(paid.headers().firstValue("Location"))
                .contains("https://shop.test/paid/" + payment.id() + "?session=" + world.session(payment));
        world.awaitStatus(payment, PaymentStatus.CAPTURED);
        assertThat(world.balance()).isEqualTo(10);
        world.awaitDeliveries(1);
        assertThat(world.receiver.received().get(0).result()).isInstanceOf(ReceiveWebhook.Accepted.class);
    }

    @Test
    void secondDeliveryOfTheSameEventDoesNotCreditAgain() {
        world.stripe.webhooks().knobs().duplicate(true);
        Payment payment = world.checkout();

        world.stripe.pay(world.session(payment));

        world.awaitDeliveries(2);
        assertThat(world.receiver.received()).extracting(r -> r.result().getClass().getSimpleName())
                .containsExactlyInAnyOrder("Accepted", "Duplicate");
        assertThat(world.status(payment)).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(world.balance()).isEqualTo(10);
    }

    @Test
    void delayedPaymentCreditsOnlyWhenTheMoneyArrives() {
        Payment payment = world.checkout();

        world.stripe.payDelayed(world.session(payment));
        world.awaitDeliveries(1);
        assertThat(world.status(payment)).isEqualTo(PaymentStatus.CREATED);
        assertThat(world.balance()).isZero();

        world.stripe.completeDelayed(world.session(payment), true);
        world.awaitStatus(payment, PaymentStatus.CAPTURED);
        assertThat(world.balance()).isEqualTo(10);
    }

    @Test
    void delayedPaymentThatFailsCreditsNothing() {
        Payment payment = world.checkout();

        world.stripe.payDelayed(world.session(payment));
        world.stripe.completeDelayed(world.session(payment), false);

        world.awaitStatus(payment, PaymentStatus.FAILED);
        assertThat(world.balance()).isZero();
    }

    @Test
    void expiredCheckoutIsMarkedExpired() {
        Payment payment = world.checkout();

        world.stripe.expire(world.session(payment));

        world.awaitStatus(payment, PaymentStatus.EXPIRED);
        assertThat(world.balance()).isZero();
    }

    @Test
    void cancellingClosesTheSessionAtStripe() {
        Payment payment = world.checkout();

        world.payLedger.cancelPayment().cancel(ALICE, payment.id());

        assertThat(world.status(payment)).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(world.stripe.session(world.session(payment)).path("status").asText()).isEqualTo("expired");
        world.awaitDeliveries(1);
        assertThat(world.status(payment)).isEqualTo(PaymentStatus.CANCELLED);
    }

    @Test
    void replayedWebhookOlderThanTheToleranceIsRejected() {
        Payment payment = world.checkout();
        world.stripe.pay(world.session(payment));
        world.awaitStatus(payment, PaymentStatus.CAPTURED);
        world.awaitDeliveries(1);
        WebhookRequest original = world.receiver.received().get(0).request();

        ReceiveWebhook.Result replay = world.payLedger.receiveWebhook().receive(Stripe.NAME, new WebhookRequest(
                original.headers(), original.body(), original.receivedAt().plus(Duration.ofMinutes(5)).plusSeconds(2)));

        assertThat(replay).isInstanceOfSatisfying(ReceiveWebhook.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Verification.Reason.STALE_TIMESTAMP));
        assertThat(world.balance()).isEqualTo(10);
    }

    @Test
    void refundPartThenTheRestClawsBackTheCredits() {
        Payment payment = world.checkout();
        world.stripe.pay(world.session(payment));
        world.awaitStatus(payment, PaymentStatus.CAPTURED);

        RefundPayment.Result partial = world.payLedger.refundPayment().refund(new RefundPayment.Command(payment.id(),
                Optional.of(Money.ofMinor("INR", 900)), "customer asked", ClawbackPolicy.REFUSE));
        assertThat(partial).isInstanceOfSatisfying(RefundPayment.Refunded.class,
                refunded -> assertThat(refunded.refund().status()).isEqualTo(RefundStatus.SUCCEEDED));
        assertThat(world.status(payment)).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(world.balance()).isEqualTo(8);

        RefundPayment.Result rest = world.payLedger.refundPayment().refund(new RefundPayment.Command(payment.id(),
                Optional.empty(), "customer asked again", ClawbackPolicy.REFUSE));
        assertThat(rest).isInstanceOf(RefundPayment.Refunded.class);

        world.awaitDeliveries(5);
        assertThat(world.receiver.received()).allSatisfy(r ->
                assertThat(r.result()).isInstanceOf(ReceiveWebhook.Accepted.class));
        assertThat(world.status(payment)).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(world.payLedger.readPayments().refunds(payment.id())).hasSize(2)
                .allSatisfy(refund -> assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED));
        assertThat(world.balance()).isZero();
    }
}
