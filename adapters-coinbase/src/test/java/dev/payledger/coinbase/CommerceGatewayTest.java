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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommerceGatewayTest {
    private static CoinbaseEmulator emulator;
    private static CommerceGateway gateway;

    @BeforeAll
    static void start() {
        emulator = CoinbaseEmulator.start(0);
        gateway = new CommerceGateway(Fixtures.commerce(emulator));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void chargeIsPendingOnChainThenPaidOnceConfirmed() {
        CheckoutRequest request = Fixtures.request(id(), Money.ofMinor("USD", 99));
        CheckoutSession session = gateway.createCheckout(request);
        Payment payment = Fixtures.opened(request, session);

        assertThat(session.providerRef()).matches("[A-Z0-9]{8}");
        assertThat(session.checkoutData().get("url")).endsWith("/pay/" + session.providerRef());
        assertThat(gateway.fetch(payment)).isInstanceOf(ProviderPaymentState.Pending.class);

        emulator.pay(session.providerRef());

        Eventually.within(Duration.ofSeconds(5), () ->
                assertThat(gateway.fetch(payment)).isInstanceOfSatisfying(ProviderPaymentState.Paid.class,
                        paid -> assertThat(paid.evidence().amount()).isEqualTo(Money.ofMinor("USD", 99))));
    }

    @Test
    void aPaymentAfterExpiryStillReadsAsPaid() {
        CheckoutRequest request = Fixtures.request(id(), Money.ofMinor("USD", 399));
        CheckoutSession session = gateway.createCheckout(request);
        emulator.expire(session.providerRef());
        assertThat(gateway.fetch(Fixtures.opened(request, session))).isInstanceOf(ProviderPaymentState.Expired.class);

        emulator.payLate(session.providerRef());

        assertThat(gateway.fetch(Fixtures.opened(request, session))).isInstanceOf(ProviderPaymentState.Paid.class);
    }

    @Test
    void cancelClosesANewChargeAndRefundsAreRefusedForGood() {
        CheckoutRequest request = Fixtures.request(id(), Money.ofMinor("USD", 99));
        CheckoutSession session = gateway.createCheckout(request);
        Payment payment = Fixtures.opened(request, session);

        gateway.cancel(payment);

        assertThat(gateway.fetch(payment)).isInstanceOf(ProviderPaymentState.Expired.class);
        assertThat(gateway.refund(new RefundRequest(new RefundId("ref_1"), payment, Money.ofMinor("USD", 99), "asked")))
                .isInstanceOf(RefundOutcome.Failed.class);
    }

    @Test
    void aWrongApiKeyIsAnUnauthorizedError() {
        CommerceGateway wrong = new CommerceGateway(CoinbaseConfig.commerce("not-the-key", "whsec")
                .withBaseUrl(emulator.commerceApiUrl()));

        assertThatThrownBy(() -> wrong.createCheckout(Fixtures.request(id(), Money.ofMinor("USD", 99))))
                .isInstanceOfSatisfying(CoinbaseException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.errorType()).contains("authorization_error");
                });
    }

    private static String id() {
        return "pay_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
