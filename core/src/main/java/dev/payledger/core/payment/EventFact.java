package dev.payledger.core.payment;

import dev.payledger.core.money.Money;

import java.util.Optional;

/** What a verified provider event says happened, in PayLedger's terms. */
public sealed interface EventFact {
    /** Money captured: settle. */
    record PaymentCaptured(SettlementEvidence evidence) implements EventFact {
    }

    /** Money held, not captured (capture it if the account does not auto-capture). */
    record PaymentAuthorized(SettlementEvidence evidence) implements EventFact {
    }

    /** Seen but not final (a crypto payment waiting for confirmations, a delayed card method). */
    record PaymentPending(PaymentReference reference) implements EventFact {
    }

    /** This attempt failed; the order stays payable by a new attempt. */
    record PaymentFailed(PaymentReference reference, String reason) implements EventFact {
    }

    /** The provider closed the attempt unpaid. */
    record PaymentExpired(PaymentReference reference) implements EventFact {
    }

    /**
     * A refund went through. {@code refundId} is ours when we asked for it (echoed back), empty when it was
     * made elsewhere (the provider's dashboard).
     */
    record RefundSucceeded(PaymentReference reference, String providerRefundId, Optional<RefundId> refundId,
                           Money amount) implements EventFact {
    }

    record RefundFailed(PaymentReference reference, String providerRefundId, Optional<RefundId> refundId,
                        String reason) implements EventFact {
    }

    /** A valid event PayLedger has nothing to do with. */
    record Irrelevant(String why) implements EventFact {
    }
}
