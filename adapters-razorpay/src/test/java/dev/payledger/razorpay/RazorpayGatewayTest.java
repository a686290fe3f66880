package dev.payledger.razorpay;

import dev.payledger.core.common.UserId;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.OrderId;
import dev.payledger.core.payment.CheckoutRequest;
import dev.payledger.core.payment.CheckoutSession;
import dev.payledger.core.payment.ClientConfirmation;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentId;
import dev.payledger.core.payment.ProviderPaymentState;
import dev.payledger.core.payment.RefundId;
import dev.payledger.core.payment.RefundOutcome;
import dev.payledger.core.payment.RefundRequest;
import dev.payledger.sandbox.razorpay.CheckoutResult;
import dev.payledger.sandbox.razorpay.RazorpayEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class RazorpayGatewayTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static RazorpayEmulator emulator;
    private RazorpayGateway gateway;

    @BeforeAll
    static void startEmulator() {
        emulator = RazorpayEmulator.start(0);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void resetKnobs() {
        emulator.faults().reset();
        emulator.autoCapture(true).clearPaidAmountOverride();
        gateway = new RazorpayGateway(config());
    }

    static RazorpayConfig config() {
        return config(emulator.baseUri(), emulator.checkoutScriptUri());
    }

    /** The gateway's configuration for tests: the emulator's keys, short timeouts, a UPI payee. */
    static RazorpayConfig config(java.net.URI baseUrl, java.net.URI checkoutScript) {
        return RazorpayConfig.of(RazorpayEmulator.KEY_ID, RazorpayEmulator.KEY_SECRET, RazorpayEmulator.WEBHOOK_SECRET)
                .withBaseUrl(baseUrl).withCheckoutScript(checkoutScript)
                .withPayee("payledger@sandbox", "PayLedger Sandbox")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @Test
    void createsAnOrderForOurAmountWithOurIdsAsReceiptAndNotes() {
        Payment payment = newPayment(34900);

        CheckoutSession session = gateway.createCheckout(checkoutOf(payment));

        assertThat(session.providerRef()).startsWith("order_");
        assertThat(session.checkoutData()).containsEntry("key_id", RazorpayEmulator.KEY_ID)
                .containsEntry("order_id", session.providerRef()).containsEntry("amount", "34900")
                .containsEntry("currency", "INR").containsEntry("name", "PayLedger Sandbox")
                .containsEntry("checkout_js", emulator.checkoutScriptUri().toString())
                .doesNotContainValue(RazorpayEmulator.KEY_SECRET);
        assertThat(session.qrPayload()).contains("upi://pay?pa=payledger@sandbox&pn=PayLedger%20Sandbox&am=349.00&cu=INR"
                + "&tn=100%20credits&tr=" + session.providerRef());
        assertThat(session.checkoutData().get("upi_intent")).isEqualTo(session.qrPayload().orElseThrow());
        var order = emulator.order(session.providerRef());
        assertThat(order.get("receipt").asText()).isEqualTo(payment.id().value());
        assertThat(order.at("/notes/payledger_payment_id").asText()).isEqualTo(payment.id().value());
        assertThat(order.at("/notes/payledger_order_id").asText()).isEqualTo(payment.orderId().value());
        assertThat(order.at("/notes/payledger_user_id").asText()).isEqualTo("user-1");
    }

    @Test
    void fetchSaysPendingUntilPaidThenGivesEvidenceFromRazorpay() {
        Payment payment = opened(newPayment(4900));
        assertThat(gateway.fetch(payment)).isInstanceOf(ProviderPaymentState.Pending.class);

        emulator.fail(payment.providerRef().orElseThrow());
        assertThat(gateway.fetch(payment)).isInstanceOf(ProviderPaymentState.Failed.class);

        CheckoutResult paid = emulator.pay(payment.providerRef().orElseThrow());
        ProviderPaymentState.Paid state = (ProviderPaymentState.Paid) gateway.fetch(payment);
        assertThat(state.evidence().providerPaymentId()).isEqualTo(paid.paymentId());
        assertThat(state.evidence().amount()).isEqualTo(Money.ofMinor("INR", 4900));
        assertThat(state.evidence().reference().paymentId()).contains(payment.id());
        assertThat(state.evidence().reference().providerRef()).isEqualTo(payment.providerRef());
    }

    @Test
    void evidenceCarriesTheAmountRazorpayReportsNotTheOneWeExpected() {
        Payment payment = opened(newPayment(4900));
        emulator.payWithAmount(payment.providerRef().orElseThrow(), 100);

        ProviderPaymentState.Paid state = (ProviderPaymentState.Paid) gateway.fetch(payment);

        assertThat(state.evidence().amount()).isEqualTo(Money.ofMinor("INR", 100));
    }

    @Test
    void aGenuineCallbackIsVerifiedByAskingRazorpay() {
        Payment payment = opened(newPayment(4900));
        CheckoutResult paid = emulator.pay(payment.providerRef().orElseThrow());

        ClientConfirmation confirmation = gateway.confirmClient(payment, paid.callback());

        assertThat(confirmation).asInstanceOf(type(ClientConfirmation.Verified.class))
                .extracting(ClientConfirmation.Verified::state).isInstanceOf(ProviderPaymentState.Paid.class);
    }

    @Test
    void aForgedCallbackIsRejectedWithoutCallingRazorpay() {
        Payment payment = opened(newPayment(4900));
        CheckoutResult paid = emulator.pay(payment.providerRef().orElseThrow());
        Map<String, String> forged = new HashMap<>(paid.callback());
        forged.put("razorpay_signature", Signatures.payment(paid.orderId(), paid.paymentId(), "not-the-secret"));
        emulator.faults().failAlways(500);

        assertThat(gateway.confirmClient(payment, forged)).asInstanceOf(type(ClientConfirmation.Rejected.class))
                .extracting(ClientConfirmation.Rejected::code).isEqualTo("invalid_signature");
        assertThat(gateway.confirmClient(payment, Map.of("razorpay_order_id", paid.orderId())))
                .asInstanceOf(type(ClientConfirmation.Rejected.class))
                .extracting(ClientConfirmation.Rejected::code).isEqualTo("missing_field");
    }

    @Test
    void aGenuineCallbackForAnotherOrderIsRejected() {
        Payment mine = opened(newPayment(4900));
        Payment other = opened(newPayment(100));
        CheckoutResult paidOther = emulator.pay(other.providerRef().orElseThrow());

        assertThat(gateway.confirmClient(mine, paidOther.callback())).asInstanceOf(type(ClientConfirmation.Rejected.class))
                .extracting(ClientConfirmation.Rejected::code).isEqualTo("order_mismatch");
    }

    @Test
    void capturesAnAuthorizedPaymentWhenTheAccountDoesNotAutoCapture() {
        emulator.autoCapture(false);
        RazorpayGateway manual = new RazorpayGateway(config().withAutoCapture(false));
        Payment payment = opened(newPayment(4900));
        emulator.pay(payment.providerRef().orElseThrow());
        ProviderPaymentState.Authorized authorized = (ProviderPaymentState.Authorized) manual.fetch(payment);

        ProviderPaymentState captured = manual.capture(payment, authorized.evidence());
        ProviderPaymentState again = manual.capture(payment, authorized.evidence());

        assertThat(captured).isInstanceOf(ProviderPaymentState.Paid.class);
        assertThat(again).isInstanceOf(ProviderPaymentState.Paid.class);
        assertThat(emulator.order(payment.providerRef().orElseThrow()).get("status").asText()).isEqualTo("paid");
    }

    @Test
    void refundsPartlyThenFullyAndARetryReturnsTheSameRefund() {
        Payment payment = paid(newPayment(10000));
        RefundRequest part = new RefundRequest(new RefundId("rf-" + UUID.randomUUID()), payment, Money.ofMinor("INR", 3000), "asked");

        RefundOutcome first = gateway.refund(part);
        RefundOutcome retried = gateway.refund(part);
        RefundOutcome rest = gateway.refund(new RefundRequest(new RefundId("rf-" + UUID.randomUUID()), payment,
                Money.ofMinor("INR", 7000), "asked again"));
        RefundOutcome tooMuch = gateway.refund(new RefundRequest(new RefundId("rf-" + UUID.randomUUID()), payment,
                Money.ofMinor("INR", 100), "nothing left"));

        assertThat(first).isInstanceOf(RefundOutcome.Pending.class);
        assertThat(providerRefundId(retried)).isEqualTo(providerRefundId(first));
        assertThat(rest).isInstanceOf(RefundOutcome.Pending.class);
        assertThat(tooMuch).isInstanceOf(RefundOutcome.Failed.class);
        assertThat(emulator.payment(payment.providerPaymentId().orElseThrow()).get("amount_refunded").asLong()).isEqualTo(10000);
    }

    @Test
    void aRefundStillInFlightAtRazorpayIsRetryable() throws Exception {
        Payment payment = paid(newPayment(10000));
        RefundRequest refund = new RefundRequest(new RefundId("rf-" + UUID.randomUUID()), payment, Money.ofMinor("INR", 3000), "asked");
        emulator.refundLatency(Duration.ofMillis(800));
        try {
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> gateway.refund(refund));
            Thread.sleep(300);
            RazorpayException inFlight = catchThrowableOfType(RazorpayException.class, () -> gateway.refund(refund));

            assertThat(inFlight.httpStatus()).isEqualTo(409);
            assertThat(inFlight.retryable()).isTrue();
            assertThat(providerRefundId(first.get())).isEqualTo(providerRefundId(gateway.refund(refund)));
        } finally {
            emulator.refundLatency(Duration.ZERO);
        }
    }

    @Test
    void serverErrorsAndRateLimitsAreRetryable() {
        Payment payment = opened(newPayment(4900));
        emulator.faults().failNext(1, 503);
        RazorpayException unavailable = catchThrowableOfType(RazorpayException.class, () -> gateway.fetch(payment));
        emulator.faults().failNext(1, 429);
        RazorpayException limited = catchThrowableOfType(RazorpayException.class, () -> gateway.fetch(payment));

        assertThat(unavailable.retryable()).isTrue();
        assertThat(unavailable.httpStatus()).isEqualTo(503);
        assertThat(limited.retryable()).isTrue();
        assertThat(gateway.fetch(payment)).isInstanceOf(ProviderPaymentState.Pending.class);
    }

    @Test
    void aSlowAnswerTimesOutAsRetryable() {
        Payment payment = opened(newPayment(4900));
        RazorpayGateway impatient = new RazorpayGateway(config().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
        emulator.faults().delay(Duration.ofMillis(1500));

        long started = System.nanoTime();
        RazorpayException slow = catchThrowableOfType(RazorpayException.class, () -> impatient.fetch(payment));

        assertThat(slow.retryable()).isTrue();
        assertThat(slow).hasMessageContaining("in time");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1400));
    }

    @Test
    void anUnreachableRazorpayIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RazorpayGateway nowhere = new RazorpayGateway(config().withBaseUrl(URI.create("http://127.0.0.1:" + closedPort)));

        RazorpayException unreachable = catchThrowableOfType(RazorpayException.class,
                () -> nowhere.createCheckout(checkoutOf(newPayment(4900))));

        assertThat(unreachable.retryable()).isTrue();
        assertThat(unreachable.httpStatus()).isEqualTo(-1);
    }

    @Test
    void razorpaysErrorJsonBecomesATypedNonRetryableException() {
        RazorpayException refused = catchThrowableOfType(RazorpayException.class,
                () -> gateway.createCheckout(checkoutOf(newPayment(99))));

        assertThat(refused.retryable()).isFalse();
        assertThat(refused.httpStatus()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("BAD_REQUEST_ERROR");
        assertThat(refused.field()).isEqualTo("amount");
        assertThat(refused.provider()).isEqualTo("razorpay");
        assertThat(refused).hasMessageContaining("atleast INR 1.00");
    }

    @Test
    void aWrongKeySecretIsRefusedAndNotRetryable() {
        RazorpayGateway wrong = new RazorpayGateway(new RazorpayConfig(RazorpayEmulator.KEY_ID, "wrong-secret",
                RazorpayEmulator.WEBHOOK_SECRET, emulator.baseUri(), emulator.checkoutScriptUri(), null, "Shop", true,
                Duration.ofSeconds(1), Duration.ofSeconds(1)));

        RazorpayException refused = catchThrowableOfType(RazorpayException.class,
                () -> wrong.createCheckout(checkoutOf(newPayment(4900))));

        assertThat(refused.httpStatus()).isEqualTo(401);
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.getMessage()).doesNotContain("wrong-secret");
    }

    @Test
    void refundIdempotencyKeysAreLongEnoughAndDistinct() {
        assertThat(RefundKeys.idempotencyKey(new RefundId("r1"))).matches("[A-Za-z0-9_-]{10,}");
        assertThat(RefundKeys.idempotencyKey(new RefundId("a.b"))).isNotEqualTo(RefundKeys.idempotencyKey(new RefundId("a:b")))
                .isNotEqualTo(RefundKeys.idempotencyKey(new RefundId("a_2eb"))).matches("[A-Za-z0-9_-]{10,}");
    }

    private static String providerRefundId(RefundOutcome outcome) {
        if (outcome instanceof RefundOutcome.Pending pending) {
            return pending.providerRefundId();
        }
        if (outcome instanceof RefundOutcome.Succeeded succeeded) {
            return succeeded.providerRefundId();
        }
        throw new AssertionError("refund failed: " + outcome);
    }

    static Payment newPayment(long paise) {
        return Payment.create(new PaymentId("pay-" + UUID.randomUUID()), new OrderId("ord-" + UUID.randomUUID()),
                UserId.of("user-1"), "razorpay", "package:pro:INR", Money.ofMinor("INR", paise), NOW);
    }

    static CheckoutRequest checkoutOf(Payment payment) {
        return new CheckoutRequest(payment.id(), payment.orderId(), payment.user(), payment.amount(), "100 credits",
                NOW.plusSeconds(900));
    }

    private Payment opened(Payment payment) {
        CheckoutSession session = gateway.createCheckout(checkoutOf(payment));
        return payment.opened(session.providerRef(), session.checkoutData(), NOW);
    }

    private Payment paid(Payment payment) {
        Payment open = opened(payment);
        CheckoutResult result = emulator.pay(open.providerRef().orElseThrow());
        return open.moveTo(dev.payledger.core.payment.PaymentStatus.CAPTURED, java.util.Optional.of(result.paymentId()),
                java.util.Optional.empty(), NOW);
    }
}
