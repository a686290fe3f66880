package dev.payledger.core.payment;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.Require;
import dev.payledger.core.common.UserId;

import java.util.Map;
import java.util.Optional;

/**
 * Confirms a payment from what the payer's browser posted back after checkout (Razorpay's handler). The
 * callback proves nothing by itself: the gateway checks its signature, then asks the provider, and only the
 * provider's answer is settled, through {@link SettlePayment}. Thread-safe.
 */
public final class ConfirmClientPayment {
    private final Persistence store;
    private final Providers providers;
    private final SettlePayment settlePayment;

    public ConfirmClientPayment(Persistence store, Providers providers, SettlePayment settlePayment) {
        this.store = store;
        this.providers = providers;
        this.settlePayment = settlePayment;
    }

    public Result confirm(Command command) {
        Optional<Payment> found = store.unitOfWork().inTransaction(() -> store.payments().find(command.paymentId()));
        if (found.isEmpty()) {
            return new Refused(Refusal.PAYMENT_NOT_FOUND, "Payment not found");
        }
        Payment payment = found.get();
        if (!payment.belongsTo(command.user())) {
            return new Refused(Refusal.NOT_YOUR_PAYMENT, "Not your payment");
        }
        Optional<PaymentProvider> provider = providers.find(payment.provider());
        if (provider.isEmpty()) {
            return new Refused(Refusal.UNSUPPORTED, "Provider " + payment.provider() + " is not enabled");
        }
        ClientConfirmation confirmation;
        try {
            confirmation = provider.get().gateway().confirmClient(payment, command.callback());
        } catch (GatewayException e) {
            return new Refused(Refusal.PROVIDER_FAILED, "The payment provider is unavailable, please try again");
        }
        if (confirmation instanceof ClientConfirmation.Rejected rejected) {
            return new Refused(Refusal.INVALID_CALLBACK, rejected.message());
        }
        if (confirmation instanceof ClientConfirmation.Unsupported) {
            return new Refused(Refusal.UNSUPPORTED, payment.provider() + " confirms payments by webhook only");
        }
        return settle(provider.get().gateway(), payment, ((ClientConfirmation.Verified) confirmation).state());
    }

    private Result settle(PaymentGateway gateway, Payment payment, ProviderPaymentState state) {
        try {
            if (state instanceof ProviderPaymentState.Authorized authorized) {
                Optional<ProviderPaymentState> captured = Capture.ifMatching(settlePayment, gateway, payment,
                        authorized.evidence());
                if (captured.isEmpty()) {
                    return new Refused(Refusal.NOT_CAPTURED, "The authorized amount does not match; held for review");
                }
                state = captured.get();
            }
        } catch (GatewayException e) {
            return new Refused(Refusal.PROVIDER_FAILED, "The payment provider is unavailable, please try again");
        }
        if (state instanceof ProviderPaymentState.Paid paid) {
            return new Confirmed(settlePayment.settle(paid.evidence()));
        }
        return new Refused(Refusal.NOT_CAPTURED, "The payment is not captured: " + describe(state));
    }

    private static String describe(ProviderPaymentState state) {
        if (state instanceof ProviderPaymentState.Failed failed) {
            return "failed (" + failed.reason() + ")";
        }
        return state instanceof ProviderPaymentState.Expired ? "expired" : "pending";
    }

    /** The callback fields exactly as the page received them from the provider's checkout. */
    public record Command(UserId user, PaymentId paymentId, Map<String, String> callback) {
        public Command {
            Require.nonNull(user, "user");
            Require.nonNull(paymentId, "payment id");
            callback = Map.copyOf(Require.nonNull(callback, "callback"));
        }
    }

    public sealed interface Result {
    }

    /** The provider confirmed the money; {@code settlement} says what settling did (possibly already done). */
    public record Confirmed(SettlePayment.Result settlement) implements Result {
    }

    public record Refused(Refusal reason, String message) implements Result {
    }

    public enum Refusal {
        PAYMENT_NOT_FOUND, NOT_YOUR_PAYMENT, INVALID_CALLBACK, NOT_CAPTURED, UNSUPPORTED, PROVIDER_FAILED
    }
}
