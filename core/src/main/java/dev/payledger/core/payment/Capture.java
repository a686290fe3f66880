package dev.payledger.core.payment;

import java.util.Optional;

/**
 * Captures an authorized payment (accounts that do not auto-capture) only when the authorized money matches
 * the payment: a mismatch is held for review uncaptured, and the provider releases the hold by itself.
 */
final class Capture {
    private Capture() {
    }

    /** The provider's state after capturing, or empty when the authorization was held for review instead. */
    static Optional<ProviderPaymentState> ifMatching(SettlePayment settlePayment, PaymentGateway gateway,
                                                     Payment payment, SettlementEvidence authorized) {
        if (!authorized.amount().equals(payment.amount())) {
            settlePayment.holdUncaptured(authorized, "authorized_amount_mismatch: expected " + payment.amount()
                    + ", authorized " + authorized.amount() + "; not captured");
            return Optional.empty();
        }
        return Optional.of(gateway.capture(payment, authorized));
    }
}
