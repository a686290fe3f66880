package dev.payledger.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import dev.payledger.core.payment.EventFact;
import dev.payledger.core.payment.ProviderEvent;

import java.util.Comparator;
import java.util.List;

/**
 * What a Stripe event means for PayLedger. {@code checkout.session.completed} settles only when the session is
 * {@code paid}; a delayed method arrives {@code unpaid} (pending), then {@code async_payment_succeeded} or
 * {@code …_failed}. Refund events finish refunds: {@code refund.created|updated|failed} carry the refund itself,
 * {@code charge.refunded} its newest refund when the charge lists them. Stateless.
 */
final class EventFacts {
    private EventFacts() {
    }

    /** Throws {@link IllegalArgumentException} when the event or its object cannot be read. */
    static ProviderEvent read(Event event) {
        if (event.getId() == null || event.getId().isBlank() || event.getType() == null || event.getType().isBlank()) {
            throw new IllegalArgumentException("Stripe event has no id or type");
        }
        return new ProviderEvent(Stripe.NAME, event.getId(), event.getType(), fact(event.getType(), event));
    }

    private static EventFact fact(String type, Event event) {
        if (type.startsWith("checkout.session.")) {
            Session session = object(event, Session.class);
            if (session.getMode() != null && !"payment".equals(session.getMode())) {
                return new EventFact.Irrelevant("a Checkout Session in " + session.getMode() + " mode");
            }
        }
        return switch (type) {
            case "checkout.session.completed" -> completed(object(event, Session.class));
            case "checkout.session.async_payment_succeeded" ->
                    new EventFact.PaymentCaptured(StripeFacts.evidence(object(event, Session.class)));
            case "checkout.session.async_payment_failed" ->
                    new EventFact.PaymentFailed(StripeFacts.reference(object(event, Session.class)),
                            "the delayed payment failed");
            case "checkout.session.expired" ->
                    new EventFact.PaymentExpired(StripeFacts.reference(object(event, Session.class)));
            case "refund.created", "refund.updated", "refund.failed" -> refund(object(event, Refund.class));
            case "charge.refunded" -> chargeRefunded(object(event, Charge.class));
            case "payment_intent.payment_failed" -> new EventFact.Irrelevant(
                    "a declined attempt: the Checkout Session stays open for another try");
            default -> new EventFact.Irrelevant("PayLedger does not use Stripe event " + type);
        };
    }

    private static EventFact completed(Session session) {
        if ("paid".equals(session.getPaymentStatus()) || "no_payment_required".equals(session.getPaymentStatus())) {
            return new EventFact.PaymentCaptured(StripeFacts.evidence(session));
        }
        return new EventFact.PaymentPending(StripeFacts.reference(session));
    }

    private static EventFact refund(Refund refund) {
        return switch (String.valueOf(refund.getStatus())) {
            case "succeeded" -> new EventFact.RefundSucceeded(StripeFacts.reference(refund), refund.getId(),
                    StripeFacts.refundId(refund), StripeFacts.amount(refund));
            case "failed", "canceled" -> new EventFact.RefundFailed(StripeFacts.reference(refund), refund.getId(),
                    StripeFacts.refundId(refund), refund.getFailureReason() == null ? "refund " + refund.getStatus()
                            : refund.getFailureReason());
            default -> new EventFact.Irrelevant("refund " + refund.getId() + " is " + refund.getStatus());
        };
    }

    private static EventFact chargeRefunded(Charge charge) {
        List<Refund> refunds = charge.getRefunds() == null || charge.getRefunds().getData() == null ? List.of()
                : charge.getRefunds().getData();
        return refunds.stream().max(Comparator.comparing(r -> r.getCreated() == null ? 0L : r.getCreated()))
                .filter(newest -> "succeeded".equals(newest.getStatus()))
                .map(EventFacts::refund)
                .orElseGet(() -> new EventFact.Irrelevant("charge.refunded without its refunds: the refund.* events "
                        + "carry each refund"));
    }

    /** The event's object; read leniently when the event's api_version is not the one stripe-java speaks. */
    private static <T extends StripeObject> T object(Event event, Class<T> type) {
        StripeObject object;
        try {
            object = event.getDataObjectDeserializer().getObject().isPresent()
                    ? event.getDataObjectDeserializer().getObject().get()
                    : event.getDataObjectDeserializer().deserializeUnsafe();
        } catch (EventDataObjectDeserializationException | RuntimeException e) {
            throw new IllegalArgumentException("Stripe event " + event.getId() + " has an unreadable data.object", e);
        }
        if (!type.isInstance(object)) {
            throw new IllegalArgumentException("Stripe event " + event.getId() + " of type " + event.getType()
                    + " does not hold a " + type.getSimpleName());
        }
        return type.cast(object);
    }
}
