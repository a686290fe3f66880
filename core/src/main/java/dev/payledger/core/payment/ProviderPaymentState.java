package dev.payledger.core.payment;

/** What a provider says about a payment when asked (reconciliation, client confirmation). */
public sealed interface ProviderPaymentState {
    /** Money captured. */
    record Paid(SettlementEvidence evidence) implements ProviderPaymentState {
    }

    /** Money held but not captured yet (the account does not auto-capture). */
    record Authorized(SettlementEvidence evidence) implements ProviderPaymentState {
    }

    /** Still waiting for the payer, or for confirmations. */
    record Pending(String detail) implements ProviderPaymentState {
    }

    /** The attempt failed; the payer may retry with a new attempt. */
    record Failed(String reason) implements ProviderPaymentState {
    }

    /** The provider closed the attempt unpaid. */
    record Expired() implements ProviderPaymentState {
    }
}
