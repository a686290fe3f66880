package dev.payledger.razorpay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.core.payment.EventFact;
import dev.payledger.core.payment.PaymentReference;
import dev.payledger.core.payment.ProviderEvent;
import dev.payledger.core.payment.RefundId;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads a Razorpay webhook body into a {@link ProviderEvent}: payment events into payment facts, refund events
 * into refund facts, anything else {@link EventFact.Irrelevant}. Throws {@link IllegalArgumentException} for
 * a body that is not a Razorpay event or lacks what its fact needs.
 */
final class RazorpayEvents {
    private RazorpayEvents() {
    }

    static ProviderEvent read(Optional<String> headerEventId, byte[] body) {
        JsonNode root;
        try {
            root = RazorpayHttp.JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("The webhook body is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("event").isTextual() || root.path("event").asText().isBlank()) {
            throw new IllegalArgumentException("The webhook body is not a Razorpay event");
        }
        String type = root.path("event").asText();
        JsonNode payment = root.path("payload").path("payment").path("entity");
        JsonNode refund = root.path("payload").path("refund").path("entity");
        EventFact fact = fact(type, payment, refund);
        String eventId = headerEventId.filter(id -> !id.isBlank()).map(String::strip)
                .orElseGet(() -> type + ":" + entityId(root));
        return new ProviderEvent(Razorpay.PROVIDER, eventId, type, fact);
    }

    private static EventFact fact(String type, JsonNode payment, JsonNode refund) {
        return switch (type) {
            case "payment.authorized" -> new EventFact.PaymentAuthorized(PaymentFacts.evidence(payment, reference(payment)));
            case "payment.captured", "order.paid" -> new EventFact.PaymentCaptured(
                    PaymentFacts.evidence(payment, reference(payment)));
            case "payment.failed" -> new EventFact.PaymentFailed(reference(payment), PaymentFacts.failureReason(payment));
            case "refund.processed" -> new EventFact.RefundSucceeded(refundReference(refund, payment),
                    PaymentFacts.required(refund, "id"), ourRefundId(refund), PaymentFacts.money(refund));
            case "refund.failed" -> new EventFact.RefundFailed(refundReference(refund, payment),
                    PaymentFacts.required(refund, "id"), ourRefundId(refund), "Razorpay could not process the refund");
            default -> new EventFact.Irrelevant("PayLedger does not act on Razorpay's " + type);
        };
    }

    private static PaymentReference reference(JsonNode payment) {
        if (!payment.isObject()) {
            throw new IllegalArgumentException("The event has no payment entity");
        }
        return PaymentFacts.reference(payment);
    }

    /** A refund names its payment; the payment entity beside it (when sent) names the order and our payment id. */
    private static PaymentReference refundReference(JsonNode refund, JsonNode payment) {
        if (!refund.isObject()) {
            throw new IllegalArgumentException("The event has no refund entity");
        }
        String paymentId = PaymentFacts.required(refund, "payment_id");
        if (payment.isObject() && paymentId.equals(RazorpayHttp.text(payment, "id"))) {
            return PaymentFacts.reference(payment);
        }
        return new PaymentReference(Optional.empty(),
                PaymentFacts.note(refund, PaymentFacts.NOTE_PAYMENT).flatMap(PaymentFacts::paymentId), Optional.of(paymentId));
    }

    private static Optional<RefundId> ourRefundId(JsonNode refund) {
        return PaymentFacts.note(refund, PaymentFacts.NOTE_REFUND)
                .or(() -> Optional.ofNullable(RazorpayHttp.text(refund, "receipt")))
                .flatMap(PaymentFacts::refundId);
    }

    /** The id of the event's main entity: the refund, else the payment, else the order. */
    private static String entityId(JsonNode root) {
        JsonNode payload = root.path("payload");
        for (String entity : new String[]{"refund", "payment", "order"}) {
            String id = RazorpayHttp.text(payload.path(entity).path("entity"), "id");
            if (id != null) {
                return id;
            }
        }
        throw new IllegalArgumentException("The event has neither X-Razorpay-Event-Id nor an entity id");
    }
}
