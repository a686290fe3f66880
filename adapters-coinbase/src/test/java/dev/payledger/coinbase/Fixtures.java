package dev.payledger.coinbase;

import dev.payledger.core.PayLedger;
import dev.payledger.core.common.UserId;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.OrderId;
import dev.payledger.core.payment.CheckoutRequest;
import dev.payledger.core.payment.CheckoutSession;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentId;
import dev.payledger.core.payment.PaymentStatus;
import dev.payledger.core.payment.PurchaseTarget;
import dev.payledger.core.payment.StartCheckout;
import dev.payledger.sandbox.coinbase.CoinbaseEmulator;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared test values: configurations pointing at an emulator, and checkout requests and payments. */
final class Fixtures {
    private Fixtures() {
    }

    static CoinbaseConfig business(CoinbaseEmulator emulator) {
        return CoinbaseConfig.business(CoinbaseEmulator.TEST_API_KEY_ID, CoinbaseEmulator.TEST_API_SECRET,
                        CoinbaseEmulator.TEST_WEBHOOK_SECRET).withBaseUrl(emulator.businessApiUrl())
                .withRedirects("http://127.0.0.1/paid", "http://127.0.0.1/failed")
                .withRateLimitRetries(3, Duration.ofMillis(20));
    }

    static CoinbaseConfig commerce(CoinbaseEmulator emulator) {
        return CoinbaseConfig.commerce(CoinbaseEmulator.TEST_COMMERCE_API_KEY, CoinbaseEmulator.TEST_COMMERCE_WEBHOOK_SECRET)
                .withBaseUrl(emulator.commerceApiUrl()).withRedirects("http://127.0.0.1/paid", "http://127.0.0.1/failed");
    }

    static CheckoutRequest request(String paymentId, Money amount) {
        return new CheckoutRequest(new PaymentId(paymentId), new OrderId("ord_" + paymentId), UserId.of("user-1"), amount,
                "10 credits (starter)", Instant.now().plus(Duration.ofHours(1)));
    }

    static Payment opened(CheckoutRequest request, CheckoutSession session) {
        Instant now = Instant.now();
        return Payment.create(request.paymentId(), request.orderId(), request.user(), Coinbase.PROVIDER,
                "package:starter:USD", request.amount(), now).opened(session.providerRef(), session.checkoutData(), now);
    }

    /** Opens a checkout for the starter package in USD through Coinbase and returns the payment. */
    static Payment startStarterCheckout(PayLedger payLedger, UserId user) {
        StartCheckout.Result result = payLedger.startCheckout().start(new StartCheckout.Command(user,
                PurchaseTarget.creditPackage("starter", Money.currency("USD")), Coinbase.PROVIDER));
        assertThat(result).isInstanceOf(StartCheckout.Started.class);
        return ((StartCheckout.Started) result).payment();
    }

    static PaymentStatus status(PayLedger payLedger, Payment payment) {
        return payLedger.readPayments().find(payment.id()).orElseThrow().status();
    }
}
