package dev.payledger.core.payment;

/** What the provider answered to a refund request. */
public sealed interface RefundOutcome {
    record Succeeded(String providerRefundId) implements RefundOutcome {
    }

    /** Accepted; a webhook (or the reconciler) will say how it ended. */
    record Pending(String providerRefundId) implements RefundOutcome {
    }

    /** Refused for good (not a transport error: those throw {@link GatewayException}). */
    record Failed(String reason) implements RefundOutcome {
    }
}
