package dev.payledger.razorpay;

import dev.payledger.core.money.Money;
import dev.payledger.core.payment.ClawbackPolicy;
import dev.payledger.core.payment.ConfirmClientPayment;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentStatus;
import dev.payledger.core.payment.ReceiveWebhook;
import dev.payledger.core.payment.Refund;
import dev.payledger.core.payment.RefundPayment;
import dev.payledger.core.payment.RefundStatus;
import dev.payledger.core.payment.SettlePayment;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;
import dev.payledger.sandbox.razorpay.CheckoutResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Razorpay end to end: PayLedger + the real adapter + the emulator + signed webhooks over HTTP. */
class RazorpayEndToEndTest {
    private EndToEnd world;

    @BeforeEach
    void start() throws Exception {
        world = new EndToEnd();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void paidOrderIsSettledByWebhookAndCreditedOnce() {
        Payment payment = world.startStarterCheckout();
        assertThat(payment.checkout()).containsKeys("key_id", "order_id", "upi_intent", "qr_png");
        assertThat(payment.checkout().get("qr_png")).startsWith("data:image/png;base64,");

        world.emulator.payWithUpi(world.razorpayOrder(payment));
        world.awaitDelivered(3);

        assertThat(world.payment(payment).status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(world.balance()).isEqualTo(10);
        assertThat(world.payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    @Test
    void checkoutCallbackFirstThenWebhooksCreditOnce() {
        world.emulator.webhooks().knobs().hold(true);
        Payment payment = world.startStarterCheckout();
        CheckoutResult paid = world.emulator.pay(world.razorpayOrder(payment));

        ConfirmClientPayment.Result confirmed = world.payLedger.confirmClientPayment()
                .confirm(new ConfirmClientPayment.Command(EndToEnd.USER, payment.id(), paid.callback()));
        world.emulator.webhooks().releaseHeld(false);
        world.awaitDelivered(3);

        assertThat(confirmed).isInstanceOfSatisfying(ConfirmClientPayment.Confirmed.class,
                c -> assertThat(c.settlement()).isInstanceOf(SettlePayment.Settled.class));
        assertThat(world.payment(payment).status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(world.balance()).isEqualTo(10);
    }

    @Test
    void webhookFirstThenCheckoutCallbackCreditsOnce() {
        Payment payment = world.startStarterCheckout();
        CheckoutResult paid = world.emulator.pay(world.razorpayOrder(payment));
        world.awaitStatus(payment, PaymentStatus.CAPTURED);

        ConfirmClientPayment.Result confirmed = world.payLedger.confirmClientPayment()
                .confirm(new ConfirmClientPayment.Command(EndToEnd.USER, payment.id(), paid.callback()));

        assertThat(confirmed).isInstanceOfSatisfying(ConfirmClientPayment.Confirmed.class,
                c -> assertThat(c.settlement()).isInstanceOf(SettlePayment.AlreadySettled.class));
        world.awaitDelivered(3);
        assertThat(world.balance()).isEqualTo(10);
    }

    @Test
    void reorderedThenRedeliveredWebhooksCreditOnce() {
        world.emulator.webhooks().knobs().hold(true);
        Payment payment = world.startStarterCheckout();
        world.emulator.pay(world.razorpayOrder(payment));

        world.emulator.webhooks().knobs().hold(false);
        world.emulator.webhooks().releaseHeld(true); // order.paid first, payment.authorized last
        world.awaitDelivered(3);
        world.awaitStatus(payment, PaymentStatus.CAPTURED);
        List<ReceiveWebhook.Result> redelivered = world.deliveries.stream()
                .map(d -> receive(d.headers(), new String(d.body(), StandardCharsets.UTF_8))).toList();

        assertThat(world.deliveries).extracting(EndToEnd.Delivery::event)
                .containsExactlyInAnyOrder("order.paid", "payment.captured", "payment.authorized");
        assertThat(redelivered).allMatch(r -> r instanceof ReceiveWebhook.Duplicate);
        assertThat(world.balance()).isEqualTo(10);
        assertThat(world.payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    @Test
    void everyWebhookDeliveredTwiceIsStoredOnce() {
        world.emulator.webhooks().knobs().duplicate(true);
        Payment payment = world.startStarterCheckout();
        world.emulator.pay(world.razorpayOrder(payment));

        world.awaitDelivered(6);

        assertThat(world.received).filteredOn(r -> r instanceof ReceiveWebhook.Duplicate).hasSize(3);
        assertThat(world.balance()).isEqualTo(10);
    }

    @Test
    void aFailedAttemptThenASuccessfulRetryOnTheSameOrderCreditsOnce() {
        Payment payment = world.startStarterCheckout();

        world.emulator.fail(world.razorpayOrder(payment));
        world.awaitStatus(payment, PaymentStatus.FAILED);
        assertThat(world.balance()).isZero();

        world.emulator.pay(world.razorpayOrder(payment));
        world.awaitStatus(payment, PaymentStatus.CAPTURED);
        world.awaitDelivered(4);
        assertThat(world.balance()).isEqualTo(10);
    }

    @Test
    void aPaymentOfTheWrongAmountIsHeldForReviewAndCreditsNothing() {
        Payment payment = world.startStarterCheckout();

        world.emulator.payWithAmount(world.razorpayOrder(payment), 100);
        world.awaitStatus(payment, PaymentStatus.NEEDS_REVIEW);
        world.awaitDelivered(3);

        assertThat(world.payment(payment).failureReason()).hasValueSatisfying(r -> assertThat(r).contains("amount_mismatch"));
        assertThat(world.balance()).isZero();
    }

    @Test
    void aTamperedWebhookIsRejectedAndChangesNothing() {
        world.recordOnly();
        Payment payment = world.startStarterCheckout();
        world.emulator.pay(world.razorpayOrder(payment));
        world.awaitDelivered(3);
        EndToEnd.Delivery captured = world.deliveries.stream().filter(d -> d.event().equals("payment.captured"))
                .findFirst().orElseThrow();
        String genuineBody = new String(captured.body(), StandardCharsets.UTF_8);
        Map<String, String> forgedSignature = new HashMap<>(captured.headers());
        String signature = captured.headers().get("X-razorpay-signature");
        forgedSignature.put("X-razorpay-signature", (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1));

        List<ReceiveWebhook.Result> results = List.of(
                receive(captured.headers(), genuineBody.replace("\"amount\":4900", "\"amount\":490000")),
                receive(forgedSignature, genuineBody),
                receive(Map.of("X-Razorpay-Event-Id", "Forged1"), genuineBody));

        assertThat(results).extracting(r -> ((ReceiveWebhook.Rejected) r).reason()).containsExactly(
                Verification.Reason.INVALID_SIGNATURE, Verification.Reason.INVALID_SIGNATURE,
                Verification.Reason.MISSING_SIGNATURE);
        assertThat(world.payment(payment).status()).isEqualTo(PaymentStatus.CREATED);
        assertThat(world.balance()).isZero();
    }

    @Test
    void aTamperedCheckoutCallbackIsRefusedAndChangesNothing() {
        world.recordOnly();
        Payment payment = world.startStarterCheckout();
        CheckoutResult paid = world.emulator.pay(world.razorpayOrder(payment));
        Map<String, String> tampered = new HashMap<>(paid.callback());
        tampered.put("razorpay_signature", Signatures.payment(paid.orderId(), paid.paymentId(), "guessed"));

        ConfirmClientPayment.Result result = world.payLedger.confirmClientPayment()
                .confirm(new ConfirmClientPayment.Command(EndToEnd.USER, payment.id(), tampered));

        assertThat(result).isInstanceOfSatisfying(ConfirmClientPayment.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(ConfirmClientPayment.Refusal.INVALID_CALLBACK));
        assertThat(world.payment(payment).status()).isEqualTo(PaymentStatus.CREATED);
        assertThat(world.balance()).isZero();
    }

    @Test
    void aPartialThenAFullRefundReachRefundProcessed() {
        Payment payment = world.startStarterCheckout();
        world.emulator.pay(world.razorpayOrder(payment));
        world.awaitStatus(payment, PaymentStatus.CAPTURED);

        RefundPayment.Result partial = world.payLedger.refundPayment().refund(new RefundPayment.Command(payment.id(),
                Optional.of(Money.ofMinor("INR", 1900)), "customer asked", ClawbackPolicy.FORCE));
        assertThat(partial).isInstanceOf(RefundPayment.Refunded.class);
        awaitRefund(((RefundPayment.Refunded) partial).refund(), RefundStatus.SUCCEEDED);
        assertThat(world.payment(payment).status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);

        RefundPayment.Result rest = world.payLedger.refundPayment().refund(new RefundPayment.Command(payment.id(),
                Optional.empty(), "customer asked again", ClawbackPolicy.FORCE));
        awaitRefund(((RefundPayment.Refunded) rest).refund(), RefundStatus.SUCCEEDED);

        assertThat(world.payment(payment).status()).isEqualTo(PaymentStatus.REFUNDED);
        var razorpayPayment = world.emulator.payment(world.payment(payment).providerPaymentId().orElseThrow());
        assertThat(razorpayPayment.get("amount_refunded").asLong()).isEqualTo(4900);
        assertThat(world.deliveries).filteredOn(d -> d.event().equals("refund.processed")).hasSize(2);
        assertThat(world.payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    @Test
    void droppedWebhooksAreRecoveredByTheReconciler() {
        world.emulator.webhooks().knobs().drop(true);
        Payment payment = world.startStarterCheckout();
        world.emulator.pay(world.razorpayOrder(payment));

        world.clock.advance(Duration.ofMinutes(6));
        world.payLedger.reconcile().run();

        assertThat(world.payment(payment).status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(world.balance()).isEqualTo(10);
    }

    @Test
    void withoutAutoCaptureTheAuthorizedWebhookGetsThePaymentCapturedAndCreditedOnce() throws Exception {
        world.close();
        world = new EndToEnd(false);
        Payment payment = world.startStarterCheckout();

        world.emulator.pay(world.razorpayOrder(payment));
        world.awaitStatus(payment, PaymentStatus.CAPTURED);
        world.awaitDelivered(3);

        assertThat(world.emulator.order(world.razorpayOrder(payment)).get("status").asText()).isEqualTo("paid");
        assertThat(world.deliveries).extracting(EndToEnd.Delivery::event)
                .containsExactlyInAnyOrder("payment.authorized", "payment.captured", "order.paid");
        assertThat(world.balance()).isEqualTo(10);
    }

    @Test
    void withoutAutoCaptureTheCheckoutCallbackCapturesAndSettles() throws Exception {
        world.close();
        world = new EndToEnd(false);
        world.recordOnly();
        Payment payment = world.startStarterCheckout();
        CheckoutResult paid = world.emulator.pay(world.razorpayOrder(payment));

        ConfirmClientPayment.Result confirmed = world.payLedger.confirmClientPayment()
                .confirm(new ConfirmClientPayment.Command(EndToEnd.USER, payment.id(), paid.callback()));

        assertThat(confirmed).isInstanceOfSatisfying(ConfirmClientPayment.Confirmed.class,
                c -> assertThat(c.settlement()).isInstanceOf(SettlePayment.Settled.class));
        assertThat(world.emulator.payment(paid.paymentId()).get("status").asText()).isEqualTo("captured");
        assertThat(world.balance()).isEqualTo(10);
    }

    private void awaitRefund(Refund refund, RefundStatus status) {
        EndToEnd.await(() -> world.payLedger.readPayments().refunds(refund.paymentId()).stream()
                        .anyMatch(r -> r.id().equals(refund.id()) && r.status() == status),
                () -> "refund " + refund.id() + " to be " + status + "; webhooks: " + world.received);
    }

    private ReceiveWebhook.Result receive(Map<String, String> headers, String body) {
        return world.payLedger.receiveWebhook().receive(Razorpay.PROVIDER,
                new WebhookRequest(headers, body.getBytes(StandardCharsets.UTF_8), Instant.now()));
    }
}
