package dev.payledger.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.payledger.core.common.UserId;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.OrderId;
import dev.payledger.core.payment.CheckoutRequest;
import dev.payledger.core.payment.CheckoutSession;
import dev.payledger.core.payment.EventFact;
import dev.payledger.core.payment.GatewayException;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentId;
import dev.payledger.core.payment.ProviderPaymentState;
import dev.payledger.core.payment.RefundId;
import dev.payledger.core.payment.RefundOutcome;
import dev.payledger.core.payment.RefundRequest;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;
import dev.payledger.sandbox.stripe.StripeEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** stripe-java itself talks to the sandbox: the emulator accepts what the SDK sends and answers what it parses. */
class StripeGatewayTest {
    private static StripeEmulator emulator;
    private static StripeConfig config;
    private static StripeGateway gateway;

    @BeforeAll
    static void start() {
        emulator = StripeEmulator.start(0);
        config = new StripeConfig(StripeEmulator.TEST_SECRET_KEY, StripeEmulator.TEST_WEBHOOK_SECRET, emulator.apiBase(),
                "https://shop.test/payments/{PAYMENT_ID}/done?session={CHECKOUT_SESSION_ID}",
                "https://shop.test/payments/{PAYMENT_ID}/cancelled", Duration.ofMinutes(5), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 0);
        gateway = new StripeGateway(Stripe.client(config), config, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void sandboxSignsEventsInTheApiVersionOfThisStripeJava() {
        assertThat(StripeEmulator.API_VERSION).isEqualTo(com.stripe.Stripe.API_VERSION);
    }

    @Test
    void opensASessionForOurAmountWithOurIdsAndUrls() {
        CheckoutRequest request = request(Money.ofMinor("INR", 4900), Duration.ofHours(1));

        CheckoutSession opened = gateway.createCheckout(request);

        JsonNode session = emulator.session(opened.providerRef());
        assertThat(opened.checkoutData().get("url")).isEqualTo(session.path("url").asText()).contains("/c/pay/cs_test_");
        assertThat(session.path("amount_total").asLong()).isEqualTo(4900);
        assertThat(session.path("currency").asText()).isEqualTo("inr");
        assertThat(session.path("client_reference_id").asText()).isEqualTo(request.paymentId().value());
        assertThat(session.path("metadata").path("order_id").asText()).isEqualTo(request.orderId().value());
        assertThat(session.path("metadata").path("user_id").asText()).isEqualTo("user-1");
        assertThat(session.path("success_url").asText()).isEqualTo("https://shop.test/payments/"
                + request.paymentId().value() + "/done?session={CHECKOUT_SESSION_ID}");
        assertThat(session.path("expires_at").asLong()).isEqualTo(request.expiresAt().getEpochSecond());
    }

    @Test
    void openingTwiceForOnePaymentGivesTheSameSession() {
        CheckoutRequest request = request(Money.ofMinor("USD", 99), Duration.ofHours(2));

        assertThat(gateway.createCheckout(request).providerRef()).isEqualTo(gateway.createCheckout(request).providerRef());
    }

    @Test
    void expiryIsKeptInsideStripesWindow() {
        Instant now = Instant.now();
        CheckoutSession soon = gateway.createCheckout(request(Money.ofMinor("INR", 100), Duration.ofMinutes(5)));
        CheckoutSession late = gateway.createCheckout(request(Money.ofMinor("INR", 100), Duration.ofDays(3)));

        assertThat(emulator.session(soon.providerRef()).path("expires_at").asLong())
                .isBetween(now.plusSeconds(30 * 60).getEpochSecond(), now.plusSeconds(32 * 60).getEpochSecond());
        assertThat(emulator.session(late.providerRef()).path("expires_at").asLong())
                .isLessThanOrEqualTo(now.plusSeconds(24 * 3600).getEpochSecond() + 1);
    }

    @Test
    void fetchReadsEachStateFromStripesAnswer() {
        Payment open = opened(Money.ofMinor("INR", 4900));
        assertThat(gateway.fetch(open)).isInstanceOf(ProviderPaymentState.Pending.class);

        emulator.pay(open.providerRef().orElseThrow());
        var paid = (ProviderPaymentState.Paid) gateway.fetch(open);
        assertThat(paid.evidence().amount()).isEqualTo(Money.ofMinor("INR", 4900));
        assertThat(paid.evidence().providerPaymentId()).startsWith("pi_");
        assertThat(paid.evidence().reference().paymentId()).contains(open.id());

        Payment delayed = opened(Money.ofMinor("INR", 4900));
        emulator.payDelayed(delayed.providerRef().orElseThrow());
        assertThat(gateway.fetch(delayed)).isInstanceOf(ProviderPaymentState.Pending.class);
        emulator.completeDelayed(delayed.providerRef().orElseThrow(), false);
        assertThat(gateway.fetch(delayed)).isInstanceOf(ProviderPaymentState.Failed.class);

        Payment later = opened(Money.ofMinor("INR", 4900));
        emulator.payDelayed(later.providerRef().orElseThrow());
        emulator.completeDelayed(later.providerRef().orElseThrow(), true);
        assertThat(gateway.fetch(later)).isInstanceOf(ProviderPaymentState.Paid.class);

        Payment expired = opened(Money.ofMinor("INR", 4900));
        emulator.expire(expired.providerRef().orElseThrow());
        assertThat(gateway.fetch(expired)).isInstanceOf(ProviderPaymentState.Expired.class);
    }

    @Test
    void cancelExpiresAnOpenSessionAndRefusesAPaidOne() {
        Payment open = opened(Money.ofMinor("INR", 4900));
        gateway.cancel(open);
        gateway.cancel(open);
        assertThat(emulator.session(open.providerRef().orElseThrow()).path("status").asText()).isEqualTo("expired");

        Payment paid = opened(Money.ofMinor("INR", 4900));
        emulator.pay(paid.providerRef().orElseThrow());
        assertThatThrownBy(() -> gateway.cancel(paid)).isInstanceOf(StripeGatewayException.class)
                .hasMessageContaining("already complete");
    }

    @Test
    void refundsPartThenTheRestAndRefusesMore() {
        Payment payment = opened(Money.ofMinor("INR", 4900));
        emulator.pay(payment.providerRef().orElseThrow());
        RefundRequest partial = new RefundRequest(new RefundId("rf-" + UUID.randomUUID()), payment,
                Money.ofMinor("INR", 900), "customer asked");

        RefundOutcome first = gateway.refund(partial);
        RefundOutcome again = gateway.refund(partial);
        RefundOutcome rest = gateway.refund(new RefundRequest(new RefundId("rf-" + UUID.randomUUID()), payment,
                Money.ofMinor("INR", 4000), "customer asked"));
        RefundOutcome more = gateway.refund(new RefundRequest(new RefundId("rf-" + UUID.randomUUID()), payment,
                Money.ofMinor("INR", 1), "too much"));

        assertThat(first).isInstanceOf(RefundOutcome.Succeeded.class).isEqualTo(again);
        assertThat(rest).isInstanceOf(RefundOutcome.Succeeded.class);
        assertThat(((RefundOutcome.Failed) more).reason()).contains("charge_already_refunded");
        String refundId = ((RefundOutcome.Succeeded) first).providerRefundId();
        assertThat(emulator.events().stream().filter(e -> e.type().equals("refund.created"))
                .anyMatch(e -> e.body().contains(refundId) && e.body().contains(partial.refundId().value()))).isTrue();
    }

    @Test
    void pendingRefundsArePending() {
        Payment payment = opened(Money.ofMinor("INR", 4900));
        emulator.pay(payment.providerRef().orElseThrow());
        emulator.refundsPending(true);
        try {
            RefundOutcome outcome = gateway.refund(new RefundRequest(new RefundId("rf-" + UUID.randomUUID()), payment,
                    Money.ofMinor("INR", 4900), "customer asked"));
            assertThat(outcome).isInstanceOf(RefundOutcome.Pending.class);
        } finally {
            emulator.refundsPending(false);
        }
    }

    @Test
    void stripeJavaAndOurVerifierAcceptWhatTheSandboxSigns() throws Exception {
        Payment payment = opened(Money.ofMinor("INR", 4900));
        emulator.pay(payment.providerRef().orElseThrow());
        StripeEmulator.SentEvent sent = emulator.events().stream()
                .filter(e -> e.body().contains(payment.providerRef().orElseThrow())).reduce((a, b) -> b).orElseThrow();
        long now = Instant.now().getEpochSecond();
        String header = emulator.signatureHeader(sent.body(), now);

        Event event = Webhook.constructEvent(sent.body(), header, StripeEmulator.TEST_WEBHOOK_SECRET);
        Verification verification = new StripeWebhookVerifier(config.webhookSecret(), config.tolerance()).verify(
                new WebhookRequest(Map.of("Stripe-Signature", header), sent.body().getBytes(StandardCharsets.UTF_8),
                        Instant.ofEpochSecond(now)));

        assertThat(event.getType()).isEqualTo("checkout.session.completed");
        assertThat(event.getDataObjectDeserializer().getObject()).isPresent();
        var captured = (EventFact.PaymentCaptured) ((Verification.Verified) verification).event().fact();
        assertThat(captured.evidence().reference().paymentId()).contains(payment.id());
    }

    @Test
    void sandboxRefundEventsReadAsTheRefundWeAskedFor() {
        Payment payment = opened(Money.ofMinor("INR", 4900));
        emulator.pay(payment.providerRef().orElseThrow());
        RefundId ours = new RefundId("rf-" + UUID.randomUUID());
        String refundId = ((RefundOutcome.Succeeded) gateway.refund(new RefundRequest(ours, payment,
                Money.ofMinor("INR", 900), "customer asked"))).providerRefundId();
        StripeWebhookVerifier verifier = new StripeWebhookVerifier(config.webhookSecret(), config.tolerance());

        for (String type : new String[]{"refund.created", "charge.refunded"}) {
            StripeEmulator.SentEvent sent = emulator.events().stream()
                    .filter(e -> e.type().equals(type) && e.body().contains(refundId)).findFirst().orElseThrow();
            long now = Instant.now().getEpochSecond();
            Verification verification = verifier.verify(new WebhookRequest(Map.of("Stripe-Signature",
                    emulator.signatureHeader(sent.body(), now)), sent.body().getBytes(StandardCharsets.UTF_8),
                    Instant.ofEpochSecond(now)));

            var fact = (EventFact.RefundSucceeded) ((Verification.Verified) verification).event().fact();
            assertThat(fact.providerRefundId()).as(type).isEqualTo(refundId);
            assertThat(fact.refundId()).as(type).contains(ours);
            assertThat(fact.amount()).as(type).isEqualTo(Money.ofMinor("INR", 900));
            assertThat(fact.reference().paymentId()).as(type).contains(payment.id());
        }
    }

    @Test
    void errorsSayWhetherTheCallMayBeRetried() {
        StripeConfig wrongKey = new StripeConfig("sk_test_wrong", config.webhookSecret(), config.apiBase(),
                config.successUrl(), config.cancelUrl(), config.tolerance(), config.connectTimeout(),
                config.readTimeout(), 0);
        StripeGateway unauthorised = new StripeGateway(Stripe.client(wrongKey), wrongKey, Clock.systemUTC());
        assertThatThrownBy(() -> unauthorised.createCheckout(request(Money.ofMinor("INR", 100), Duration.ofHours(1))))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageNotContaining("sk_test_wrong");

        emulator.faults().failNext(1, 503);
        assertThatThrownBy(() -> gateway.createCheckout(request(Money.ofMinor("INR", 100), Duration.ofHours(1))))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.retryable()).isTrue());
        emulator.faults().failNext(1, 429);
        assertThatThrownBy(() -> gateway.createCheckout(request(Money.ofMinor("INR", 100), Duration.ofHours(1))))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.retryable()).isTrue());

        StripeConfig nowhere = config.withApiBase("http://127.0.0.1:1");
        StripeGateway unreachable = new StripeGateway(Stripe.client(nowhere), nowhere, Clock.systemUTC());
        assertThatThrownBy(() -> unreachable.createCheckout(request(Money.ofMinor("INR", 100), Duration.ofHours(1))))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void stripeJavaRetriesAFailedCallWithTheSameIdempotencyKey() {
        StripeConfig retrying = config.withNetwork(Duration.ofSeconds(2), Duration.ofSeconds(5), 2);
        StripeGateway patient = new StripeGateway(Stripe.client(retrying), retrying, Clock.systemUTC());
        emulator.faults().failNext(1, 503);

        CheckoutSession session = patient.createCheckout(request(Money.ofMinor("INR", 100), Duration.ofHours(1)));

        assertThat(emulator.session(session.providerRef()).path("status").asText()).isEqualTo("open");
    }

    static CheckoutRequest request(Money amount, Duration expiresIn) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return new CheckoutRequest(new PaymentId("pay_" + suffix), new OrderId("ord_" + suffix), UserId.of("user-1"),
                amount, "Starter pack: 10 credits", Instant.now().plus(expiresIn));
    }

    private static Payment opened(Money amount) {
        CheckoutRequest request = request(amount, Duration.ofHours(1));
        CheckoutSession session = gateway.createCheckout(request);
        Instant now = Instant.now();
        return Payment.create(request.paymentId(), request.orderId(), request.user(), Stripe.NAME, "package:starter",
                amount, now).opened(session.providerRef(), session.checkoutData(), now);
    }
}
