package dev.payledger.stripe;

import dev.payledger.core.PayLedger;
import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.money.Money;
import dev.payledger.core.payment.ClawbackPolicy;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentStatus;
import dev.payledger.core.payment.PurchaseTarget;
import dev.payledger.core.payment.ReceiveWebhook;
import dev.payledger.core.payment.RefundPayment;
import dev.payledger.core.payment.RefundStatus;
import dev.payledger.core.payment.StartCheckout;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;
import dev.payledger.sandbox.stripe.StripeEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The card flow end to end: PayLedger (in memory) opens a Checkout Session on the Stripe sandbox through
 * stripe-java, the payer acts on the hosted page, the sandbox signs and delivers webhooks to a local receiver
 * that calls {@code receiveWebhook()}, and the wallet is credited exactly once.
 */
class StripeEndToEndTest {
    private static final UserId ALICE = UserId.of("alice");

    private StripeEmulator stripe;
    private PayLedger payLedger;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        stripe = StripeEmulator.start(0);
        StripeConfig config = new StripeConfig(StripeEmulator.TEST_SECRET_KEY, StripeEmulator.TEST_WEBHOOK_SECRET,
                stripe.apiBase(), "https://shop.test/paid/{PAYMENT_ID}?session={CHECKOUT_SESSION_ID}",
                "https://shop.test/cancelled/{PAYMENT_ID}", Duration.ofMinutes(5), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 0);
        payLedger = PayLedger.builder().persistence(InMemoryPersistence.create()).provider(Stripe.provider(config)).build();
        receiver = new WebhookReceiver(payLedger);
        stripe.webhooks().target(receiver.uri());
    }

    @AfterEach
    void stop() {
        stripe.close();
        receiver.close();
    }

    @Test
    void payingOnTheHostedPageCreditsTheWalletOnce() throws Exception {
        Payment payment = checkout();

        HttpResponse<Void> paid = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(payment.checkout().get("url") + "/pay")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(paid.headers().firstValue("Location")).contains("https://shop.test/paid/" + payment.id()
                + "?session=" + payment.providerRef().orElseThrow());
        awaitStatus(payment, PaymentStatus.CAPTURED);
        assertThat(balance()).isEqualTo(10);
        assertThat(receiver.received()).singleElement()
                .satisfies(r -> assertThat(r.result()).isInstanceOf(ReceiveWebhook.Accepted.class));
    }

    @Test
    void secondDeliveryOfTheSameEventDoesNotCreditAgain() {
        stripe.webhooks().knobs().duplicate(true);
        Payment payment = checkout();

        stripe.pay(payment.providerRef().orElseThrow());

        await(() -> receiver.received().size() == 2);
        assertThat(receiver.received()).extracting(r -> r.result().getClass().getSimpleName())
                .containsExactlyInAnyOrder("Accepted", "Duplicate");
        assertThat(status(payment)).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(balance()).isEqualTo(10);
    }

    @Test
    void delayedPaymentCreditsOnlyWhenTheMoneyArrives() {
        Payment payment = checkout();

        stripe.payDelayed(payment.providerRef().orElseThrow());
        await(() -> receiver.received().size() == 1);
        assertThat(status(payment)).isEqualTo(PaymentStatus.CREATED);
        assertThat(balance()).isZero();

        stripe.completeDelayed(payment.providerRef().orElseThrow(), true);
        awaitStatus(payment, PaymentStatus.CAPTURED);
        assertThat(balance()).isEqualTo(10);
    }

    @Test
    void delayedPaymentThatFailsCreditsNothing() {
        Payment payment = checkout();

        stripe.payDelayed(payment.providerRef().orElseThrow());
        stripe.completeDelayed(payment.providerRef().orElseThrow(), false);

        awaitStatus(payment, PaymentStatus.FAILED);
        assertThat(balance()).isZero();
    }

    @Test
    void expiredCheckoutIsMarkedExpired() {
        Payment payment = checkout();

        stripe.expire(payment.providerRef().orElseThrow());

        awaitStatus(payment, PaymentStatus.EXPIRED);
        assertThat(balance()).isZero();
    }

    @Test
    void cancellingClosesTheSessionAtStripe() {
        Payment payment = checkout();

        payLedger.cancelPayment().cancel(ALICE, payment.id());

        assertThat(status(payment)).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(stripe.session(payment.providerRef().orElseThrow()).path("status").asText()).isEqualTo("expired");
        await(() -> receiver.received().size() == 1);
        assertThat(status(payment)).isEqualTo(PaymentStatus.CANCELLED);
    }

    @Test
    void replayedWebhookOlderThanTheToleranceIsRejected() {
        Payment payment = checkout();
        stripe.pay(payment.providerRef().orElseThrow());
        awaitStatus(payment, PaymentStatus.CAPTURED);
        WebhookRequest original = receiver.received().get(0).request();

        ReceiveWebhook.Result replay = payLedger.receiveWebhook().receive(Stripe.NAME, new WebhookRequest(
                original.headers(), original.body(), original.receivedAt().plus(Duration.ofMinutes(5)).plusSeconds(2)));

        assertThat(replay).isInstanceOfSatisfying(ReceiveWebhook.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Verification.Reason.STALE_TIMESTAMP));
        assertThat(balance()).isEqualTo(10);
    }

    @Test
    void refundPartThenTheRestClawsBackTheCredits() {
        Payment payment = checkout();
        stripe.pay(payment.providerRef().orElseThrow());
        awaitStatus(payment, PaymentStatus.CAPTURED);

        RefundPayment.Result partial = payLedger.refundPayment().refund(new RefundPayment.Command(payment.id(),
                Optional.of(Money.ofMinor("INR", 900)), "customer asked", ClawbackPolicy.REFUSE));
        assertThat(partial).isInstanceOfSatisfying(RefundPayment.Refunded.class,
                refunded -> assertThat(refunded.refund().status()).isEqualTo(RefundStatus.SUCCEEDED));
        assertThat(status(payment)).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(balance()).isEqualTo(8);

        RefundPayment.Result rest = payLedger.refundPayment().refund(new RefundPayment.Command(payment.id(),
                Optional.empty(), "customer asked again", ClawbackPolicy.REFUSE));
        assertThat(rest).isInstanceOf(RefundPayment.Refunded.class);

        await(() -> receiver.received().size() == 5);
        assertThat(receiver.received()).allSatisfy(r -> assertThat(r.result()).isInstanceOf(ReceiveWebhook.Accepted.class));
        assertThat(status(payment)).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payLedger.readPayments().refunds(payment.id())).hasSize(2)
                .allSatisfy(refund -> assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED));
        assertThat(balance()).isZero();
    }

    private Payment checkout() {
        StartCheckout.Result result = payLedger.startCheckout().start(new StartCheckout.Command(ALICE,
                PurchaseTarget.creditPackage("starter", Money.currency("INR")), Stripe.NAME));
        assertThat(result).isInstanceOf(StartCheckout.Started.class);
        return ((StartCheckout.Started) result).payment();
    }

    private PaymentStatus status(Payment payment) {
        return payLedger.readPayments().find(payment.id()).orElseThrow().status();
    }

    private long balance() {
        return payLedger.readWallet().wallet(ALICE).balance();
    }

    private void awaitStatus(Payment payment, PaymentStatus expected) {
        await(() -> status(payment) == expected);
        assertThat(status(payment)).isEqualTo(expected);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
