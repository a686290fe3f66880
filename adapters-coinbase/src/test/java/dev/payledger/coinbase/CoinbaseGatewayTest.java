package dev.payledger.coinbase;

import dev.payledger.core.money.Money;
import dev.payledger.core.payment.CheckoutRequest;
import dev.payledger.core.payment.CheckoutSession;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.ProviderPaymentState;
import dev.payledger.core.payment.RefundId;
import dev.payledger.core.payment.RefundOutcome;
import dev.payledger.core.payment.RefundRequest;
import dev.payledger.sandbox.coinbase.CoinbaseEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoinbaseGatewayTest {
    private static final Money STARTER = Money.ofMinor("USD", 99);
    private static CoinbaseEmulator emulator;
    private CoinbaseGateway gateway;

    @BeforeAll
    static void start() {
        emulator = CoinbaseEmulator.start(0);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.apiFaults().reset();
        emulator.confirmationDelay(Duration.ZERO).failRefunds(false);
        gateway = new CoinbaseGateway(Fixtures.business(emulator));
    }

    @Test
    void createdCheckoutIsPendingUntilPaidThenPaidWithTheStatedAmount() {
        CheckoutRequest request = Fixtures.request(id(), STARTER);
        CheckoutSession session = gateway.createCheckout(request);
        Payment payment = Fixtures.opened(request, session);

        assertThat(session.providerRef()).matches("[0-9a-f]{24}");
        assertThat(session.checkoutData().get("url")).startsWith(emulator.baseUri() + "/pay/");
        assertThat(gateway.fetch(payment)).isInstanceOf(ProviderPaymentState.Pending.class);

        emulator.pay(session.providerRef());

        assertThat(gateway.fetch(payment)).isInstanceOfSatisfying(ProviderPaymentState.Paid.class, paid -> {
            assertThat(paid.evidence().amount()).isEqualTo(STARTER);
            assertThat(paid.evidence().reference().providerRef()).contains(session.providerRef());
            assertThat(paid.evidence().reference().paymentId()).contains(request.paymentId());
            assertThat(paid.evidence().providerPaymentId()).startsWith("0x");
        });
    }

    @Test
    void repeatingACreateForTheSamePaymentReturnsTheSameCheckout() {
        CheckoutRequest request = Fixtures.request(id(), STARTER);

        assertThat(gateway.createCheckout(request).providerRef()).isEqualTo(gateway.createCheckout(request).providerRef());
        assertThat(CoinbaseGateway.idempotencyKey("checkout", "pay_1"))
                .isEqualTo(CoinbaseGateway.idempotencyKey("checkout", "pay_1"))
                .isNotEqualTo(CoinbaseGateway.idempotencyKey("checkout", "pay_2"));
        assertThat(UUID.fromString(CoinbaseGateway.idempotencyKey("checkout", "pay_1")).version()).isEqualTo(3);
    }

    @Test
    void slowConfirmationsKeepTheCheckoutPendingMeanwhile() {
        emulator.confirmationDelay(Duration.ofMinutes(10));
        CheckoutRequest request = Fixtures.request(id(), STARTER);
        CheckoutSession session = gateway.createCheckout(request);

        emulator.pay(session.providerRef());

        assertThat(emulator.status(session.providerRef())).contains("PROCESSING");
        assertThat(gateway.fetch(Fixtures.opened(request, session))).isInstanceOf(ProviderPaymentState.Pending.class);
    }

    @Test
    void expiredFailedAndDeactivatedCheckoutsReadAsClosed() {
        CheckoutRequest expiring = Fixtures.request(id(), STARTER);
        CheckoutSession expired = gateway.createCheckout(expiring);
        emulator.expire(expired.providerRef());
        CheckoutRequest failing = Fixtures.request(id(), STARTER);
        CheckoutSession failed = gateway.createCheckout(failing);
        emulator.fail(failed.providerRef());
        CheckoutRequest dismissed = Fixtures.request(id(), STARTER);
        CheckoutSession cancelled = gateway.createCheckout(dismissed);
        gateway.cancel(Fixtures.opened(dismissed, cancelled));

        assertThat(gateway.fetch(Fixtures.opened(expiring, expired))).isInstanceOf(ProviderPaymentState.Expired.class);
        assertThat(gateway.fetch(Fixtures.opened(failing, failed))).isInstanceOf(ProviderPaymentState.Failed.class);
        assertThat(gateway.fetch(Fixtures.opened(dismissed, cancelled))).isInstanceOf(ProviderPaymentState.Expired.class);
        assertThat(emulator.status(cancelled.providerRef())).contains("DEACTIVATED");
    }

    @Test
    void paymentLinksUnderTheSandboxPrefixWorkTheSameWay() {
        CoinbaseGateway links = new CoinbaseGateway(Fixtures.business(emulator).withResourcePath("payment-links")
                .withBaseUrl(URI.create(emulator.baseUri() + "/sandbox/api/v1")));
        CheckoutRequest request = Fixtures.request(id(), STARTER);
        CheckoutSession session = links.createCheckout(request);

        emulator.pay(session.providerRef());

        assertThat(links.fetch(Fixtures.opened(request, session))).isInstanceOf(ProviderPaymentState.Paid.class);
        assertThat(links.refund(new RefundRequest(new RefundId("ref_" + id()), Fixtures.opened(request, session),
                STARTER, "asked"))).isInstanceOf(RefundOutcome.Failed.class);
    }

    @Test
    void usdcConfigurationSendsTheDollarAmountAsUsdcAndSettlesInDollars() {
        CoinbaseGateway usdc = new CoinbaseGateway(Fixtures.business(emulator).withCurrency("USDC"));
        CheckoutRequest request = Fixtures.request(id(), Money.ofMinor("USD", 699));
        CheckoutSession session = usdc.createCheckout(request);

        emulator.pay(session.providerRef());

        assertThat(usdc.fetch(Fixtures.opened(request, session))).isInstanceOfSatisfying(ProviderPaymentState.Paid.class,
                paid -> assertThat(paid.evidence().amount()).isEqualTo(Money.ofMinor("USD", 699)));
    }

    @Test
    void anAmountInAnotherCurrencyThanConfiguredIsRefusedBeforeCallingCoinbase() {
        assertThatThrownBy(() -> gateway.createCheckout(Fixtures.request(id(), Money.ofMinor("INR", 4900))))
                .isInstanceOfSatisfying(CoinbaseException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("INR");
    }

    @Test
    void rateLimitedCallsAreRetriedWithBackOffAndGiveUpAfterTheBound() {
        emulator.apiFaults().failNext(2, 429);
        assertThat(gateway.createCheckout(Fixtures.request(id(), STARTER)).providerRef()).isNotBlank();

        emulator.apiFaults().failNext(10, 429);
        assertThatThrownBy(() -> gateway.createCheckout(Fixtures.request(id(), STARTER)))
                .isInstanceOfSatisfying(CoinbaseException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void anInvalidRequestBecomesATypedNonRetryableError() {
        CheckoutRequest past = new CheckoutRequest(Fixtures.request(id(), STARTER).paymentId(),
                Fixtures.request("x", STARTER).orderId(), Fixtures.request("x", STARTER).user(), STARTER, "late",
                Instant.now().minusSeconds(60));

        assertThatThrownBy(() -> gateway.createCheckout(past)).isInstanceOfSatisfying(CoinbaseException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errorType()).contains("invalid_request");
            assertThat(e.correlationId()).isPresent();
            assertThat(e.retryable()).isFalse();
        });
    }

    @Test
    void unknownCheckoutIsANotFoundError() {
        CheckoutRequest request = Fixtures.request(id(), STARTER);
        Payment ghost = Fixtures.opened(request, new dev.payledger.core.payment.CheckoutSession("0123456789abcdef01234567",
                java.util.Map.of(), java.util.Optional.empty()));

        assertThatThrownBy(() -> gateway.fetch(ghost)).isInstanceOfSatisfying(CoinbaseException.class,
                e -> assertThat(e.errorType()).contains("not_found"));
    }

    @Test
    void refundOfAPaidCheckoutIsPendingAndIdempotentOnOurRefundId() {
        CheckoutRequest request = Fixtures.request(id(), Money.ofMinor("USD", 399));
        CheckoutSession session = gateway.createCheckout(request);
        emulator.pay(session.providerRef());
        Payment payment = Fixtures.opened(request, session);
        RefundRequest refund = new RefundRequest(new RefundId("ref_" + id()), payment, Money.ofMinor("USD", 100), "asked");

        RefundOutcome first = gateway.refund(refund);
        RefundOutcome again = gateway.refund(refund);
        RefundOutcome tooMuch = gateway.refund(new RefundRequest(new RefundId("ref_" + id()), payment,
                Money.ofMinor("USD", 399), "asked"));

        assertThat(first).isInstanceOf(RefundOutcome.Pending.class).isEqualTo(again);
        assertThat(tooMuch).isInstanceOfSatisfying(RefundOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("invalid_request"));
    }

    private static String id() {
        return "pay_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
