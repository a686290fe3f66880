package dev.payledger.app.http;

import dev.payledger.core.payment.CheckoutRequest;
import dev.payledger.core.payment.CheckoutSession;
import dev.payledger.core.payment.ClientConfirmation;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentGateway;
import dev.payledger.core.payment.ProviderPaymentState;
import dev.payledger.core.payment.RefundOutcome;
import dev.payledger.core.payment.RefundRequest;
import dev.payledger.core.payment.SettlementEvidence;

import java.util.Map;

/** A gateway whose every call, default methods included, is timed by {@link ProviderCalls}. Thread-safe. */
final class TimedGateway implements PaymentGateway {
    private final PaymentGateway gateway;
    private final ProviderCalls calls;

    TimedGateway(PaymentGateway gateway, ProviderCalls calls) {
        this.gateway = gateway;
        this.calls = calls;
    }

    @Override
    public String provider() {
        return gateway.provider();
    }

    @Override
    public CheckoutSession createCheckout(CheckoutRequest request) {
        return calls.time(provider(), "create_checkout", () -> gateway.createCheckout(request));
    }

    @Override
    public ProviderPaymentState fetch(Payment payment) {
        return calls.time(provider(), "fetch", () -> gateway.fetch(payment));
    }

    @Override
    public ClientConfirmation confirmClient(Payment payment, Map<String, String> callback) {
        return calls.time(provider(), "confirm_client", () -> gateway.confirmClient(payment, callback));
    }

    @Override
    public ProviderPaymentState capture(Payment payment, SettlementEvidence authorized) {
        return calls.time(provider(), "capture", () -> gateway.capture(payment, authorized));
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        return calls.time(provider(), "refund", () -> gateway.refund(request));
    }

    @Override
    public void cancel(Payment payment) {
        calls.time(provider(), "cancel", () -> {
            gateway.cancel(payment);
            return null;
        });
    }
}
