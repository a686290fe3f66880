package dev.payledger.stripe;

import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import dev.payledger.core.money.Money;
import dev.payledger.core.payment.PaymentId;
import dev.payledger.core.payment.PaymentReference;
import dev.payledger.core.payment.RefundId;
import dev.payledger.core.payment.SettlementEvidence;

import java.util.Map;
import java.util.Optional;

/**
 * Reads PayLedger facts out of Stripe objects: which payment a session or refund is about, and the money Stripe
 * says moved. Everything comes from Stripe's own answer or signed event, never from our records. Stateless.
 */
final class StripeFacts {
    static final String PAYMENT_ID = "payment_id";
    static final String REFUND_ID = "refund_id";

    private StripeFacts() {
    }

    static PaymentReference reference(Session session) {
        String paymentId = session.getClientReferenceId() != null ? session.getClientReferenceId()
                : metadata(session.getMetadata(), PAYMENT_ID);
        return PaymentReference.of(blankToNull(session.getId()), paymentId(paymentId).orElse(null),
                blankToNull(session.getPaymentIntent()));
    }

    /** What Stripe says was paid for a session; the payment id is the intent, or the session for free ones. */
    static SettlementEvidence evidence(Session session) {
        if (session.getAmountTotal() == null || session.getCurrency() == null) {
            throw new IllegalArgumentException("Stripe session " + session.getId() + " has no amount_total or currency");
        }
        String providerPaymentId = session.getPaymentIntent() != null ? session.getPaymentIntent() : session.getId();
        return new SettlementEvidence(Stripe.NAME, reference(session), providerPaymentId,
                Money.ofMinor(session.getCurrency(), session.getAmountTotal()));
    }

    static PaymentReference reference(Refund refund) {
        return PaymentReference.of(null, paymentId(metadata(refund.getMetadata(), PAYMENT_ID)).orElse(null),
                blankToNull(refund.getPaymentIntent()));
    }

    static Optional<RefundId> refundId(Refund refund) {
        String value = metadata(refund.getMetadata(), REFUND_ID);
        try {
            return value == null ? Optional.empty() : Optional.of(new RefundId(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Money amount(Refund refund) {
        if (refund.getAmount() == null || refund.getCurrency() == null) {
            throw new IllegalArgumentException("Stripe refund " + refund.getId() + " has no amount or currency");
        }
        return Money.ofMinor(refund.getCurrency(), refund.getAmount());
    }

    private static Optional<PaymentId> paymentId(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(new PaymentId(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String metadata(Map<String, String> metadata, String key) {
        return metadata == null ? null : blankToNull(metadata.get(key));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
