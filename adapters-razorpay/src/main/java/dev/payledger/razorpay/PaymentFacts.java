package dev.payledger.razorpay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.core.money.Money;
import dev.payledger.core.payment.PaymentId;
import dev.payledger.core.payment.PaymentReference;
import dev.payledger.core.payment.ProviderPaymentState;
import dev.payledger.core.payment.RefundId;
import dev.payledger.core.payment.SettlementEvidence;

import java.util.List;
import java.util.Optional;

/**
 * Reads Razorpay's payment entities into PayLedger's facts, using only what Razorpay said. Throws
 * {@link IllegalArgumentException} when an entity lacks what a fact needs.
 */
final class PaymentFacts {
    static final String NOTE_PAYMENT = "payledger_payment_id";
    static final String NOTE_ORDER = "payledger_order_id";
    static final String NOTE_USER = "payledger_user_id";
    static final String NOTE_REFUND = "payledger_refund_id";

    private PaymentFacts() {
    }

    /** Who a payment entity is for: its order, our payment id from its notes, and its own id. */
    static PaymentReference reference(JsonNode payment) {
        return new PaymentReference(Optional.ofNullable(RazorpayHttp.text(payment, "order_id")),
                note(payment, NOTE_PAYMENT).flatMap(PaymentFacts::paymentId), Optional.of(required(payment, "id")));
    }

    static SettlementEvidence evidence(JsonNode payment, PaymentReference reference) {
        return new SettlementEvidence(Razorpay.PROVIDER, reference, required(payment, "id"), money(payment));
    }

    /**
     * What one payment says: captured (even if refunded since) is paid; authorized; failed; else pending. A
     * {@code refunded} payment that was never captured is an authorization Razorpay gave back: not paid.
     */
    static ProviderPaymentState state(JsonNode payment, PaymentReference reference) {
        String status = required(payment, "status");
        if (wasCaptured(payment)) {
            return new ProviderPaymentState.Paid(evidence(payment, reference));
        }
        return switch (status) {
            case "authorized" -> new ProviderPaymentState.Authorized(evidence(payment, reference));
            case "failed" -> new ProviderPaymentState.Failed(failureReason(payment));
            case "refunded" -> new ProviderPaymentState.Failed("the authorization was refunded without capture");
            default -> new ProviderPaymentState.Pending("Razorpay payment " + payment.path("id").asText() + " is " + status);
        };
    }

    /** What an order's payments say together: any captured wins, then any authorized, then failed, else pending. */
    static ProviderPaymentState state(List<JsonNode> payments, PaymentReference reference) {
        for (JsonNode payment : payments) {
            if (wasCaptured(payment)) {
                return state(payment, withPaymentId(reference, payment));
            }
        }
        for (JsonNode payment : payments) {
            if ("authorized".equals(payment.path("status").asText())) {
                return state(payment, withPaymentId(reference, payment));
            }
        }
        boolean allFailed = !payments.isEmpty()
                && payments.stream().allMatch(payment -> List.of("failed", "refunded").contains(payment.path("status").asText()));
        if (allFailed) {
            return state(payments.get(0), reference);
        }
        return new ProviderPaymentState.Pending(payments.isEmpty() ? "no payment attempt yet" : "payment in progress");
    }

    static boolean wasCaptured(JsonNode payment) {
        String status = payment.path("status").asText();
        return "captured".equals(status) || ("refunded".equals(status) && payment.path("captured").asBoolean(false));
    }

    static String failureReason(JsonNode payment) {
        String description = RazorpayHttp.text(payment, "error_description");
        String code = RazorpayHttp.text(payment, "error_code");
        if (description != null) {
            return code == null ? description : code + ": " + description;
        }
        return code == null ? "payment failed" : code;
    }

    static Money money(JsonNode entity) {
        JsonNode amount = entity.path("amount");
        if (!amount.isIntegralNumber() || !amount.canConvertToLong() || amount.asLong() < 0) {
            throw new IllegalArgumentException("Razorpay entity has no integer amount");
        }
        return Money.ofMinor(required(entity, "currency"), amount.asLong());
    }

    static Optional<String> note(JsonNode entity, String key) {
        return Optional.ofNullable(RazorpayHttp.text(entity.path("notes"), key));
    }

    static Optional<PaymentId> paymentId(String value) {
        try {
            return Optional.of(new PaymentId(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<RefundId> refundId(String value) {
        try {
            return Optional.of(new RefundId(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String required(JsonNode entity, String field) {
        String value = RazorpayHttp.text(entity, field);
        if (value == null) {
            throw new IllegalArgumentException("Razorpay entity has no " + field);
        }
        return value;
    }

    private static PaymentReference withPaymentId(PaymentReference reference, JsonNode payment) {
        return new PaymentReference(reference.providerRef(), reference.paymentId(), Optional.of(required(payment, "id")));
    }
}
