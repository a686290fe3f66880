package dev.payledger.core.payment;

/** The outcome of checking what a payer's browser posted back after checkout (Razorpay's handler). */
public sealed interface ClientConfirmation {
    /** The callback is authentic; {@code state} is what the provider's API says about the payment now. */
    record Verified(ProviderPaymentState state) implements ClientConfirmation {
    }

    /** Forged, tampered, or for another payment. */
    record Rejected(String code, String message) implements ClientConfirmation {
    }

    /** This provider has no client callback (hosted pages confirm by webhook). */
    record Unsupported() implements ClientConfirmation {
    }
}
