package dev.payledger.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The emulator's in-memory state: sessions, payment intents (each with one charge) and refunds, and every
 * state change a payer or the API can cause. Each change emits the events Stripe would send. Thread-safe: one
 * lock guards everything, and events are emitted under it, so their order follows the changes.
 */
final class StripeStore {
    private static final String DECLINED = "Your card was declined.";

    private final Supplier<Instant> clock;
    private final EventSink events;
    private final Map<String, SessionRecord> sessions = new LinkedHashMap<>();
    private final Map<String, IntentRecord> intents = new LinkedHashMap<>();
    private final Map<String, RefundRecord> refunds = new LinkedHashMap<>();
    private boolean refundsPending;

    StripeStore(Supplier<Instant> clock, EventSink events) {
        this.clock = clock;
        this.events = events;
    }

    long now() {
        return clock.get().getEpochSecond();
    }

    synchronized void add(SessionRecord session) {
        sessions.put(session.id, session);
    }

    synchronized ObjectNode session(String id) {
        return live(id).toJson();
    }

    synchronized ObjectNode intent(String id) {
        IntentRecord intent = intents.get(id);
        if (intent == null) {
            throw StripeError.notFound("payment_intent", "intent", id);
        }
        return intent.toJson();
    }

    synchronized ObjectNode refund(String id) {
        RefundRecord refund = refunds.get(id);
        if (refund == null) {
            throw StripeError.notFound("refund", "id", id);
        }
        return refund.toJson();
    }

    /** The payer paid by card: complete and paid at once. */
    synchronized void pay(String sessionId) {
        SessionRecord session = open(sessionId);
        IntentRecord intent = attempt(session);
        intent.status = "succeeded";
        intent.lastErrorMessage = null;
        intent.charged = true;
        session.status = "complete";
        session.paymentStatus = "paid";
        events.emit("checkout.session.completed", session.toJson());
    }

    /** The card was declined: the session stays open for another try, the intent records the error. */
    synchronized void decline(String sessionId) {
        SessionRecord session = open(sessionId);
        IntentRecord intent = attempt(session);
        intent.status = "requires_payment_method";
        intent.lastErrorMessage = DECLINED;
        events.emit("payment_intent.payment_failed", intent.toJson());
    }

    /** The payer chose a delayed method: complete but unpaid until {@link #completeDelayed}. */
    synchronized void payDelayed(String sessionId) {
        SessionRecord session = open(sessionId);
        IntentRecord intent = attempt(session);
        intent.status = "processing";
        intent.lastErrorMessage = null;
        session.status = "complete";
        session.paymentStatus = "unpaid";
        events.emit("checkout.session.completed", session.toJson());
    }

    /** The delayed payment ended: the money arrived, or it did not. */
    synchronized void completeDelayed(String sessionId, boolean success) {
        SessionRecord session = live(sessionId);
        IntentRecord intent = session.paymentIntentId == null ? null : intents.get(session.paymentIntentId);
        if (!"complete".equals(session.status) || intent == null || !"processing".equals(intent.status)) {
            throw StripeError.invalid(null, "Checkout Session " + sessionId + " has no delayed payment in progress.", null);
        }
        if (success) {
            intent.status = "succeeded";
            intent.charged = true;
            session.paymentStatus = "paid";
            events.emit("checkout.session.async_payment_succeeded", session.toJson());
        } else {
            intent.status = "requires_payment_method";
            intent.lastErrorMessage = "The payment could not be completed.";
            events.emit("checkout.session.async_payment_failed", session.toJson());
        }
    }

    /** Closes an open session unpaid; Stripe's {@code POST …/expire}. */
    synchronized ObjectNode expire(String sessionId) {
        SessionRecord session = live(sessionId);
        if (!session.isOpen()) {
            throw StripeError.invalid("checkout_session_unexpected_state",
                    "Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a "
                            + "status of \"" + session.status + "\".", null);
        }
        close(session);
        return session.toJson();
    }

    synchronized void refundsPending(boolean pending) {
        this.refundsPending = pending;
    }

    /** Creates a refund of {@code amount} (null: what is left) on a succeeded intent. */
    synchronized RefundRecord createRefund(String intentId, Long amount, Map<String, String> metadata, String reason) {
        IntentRecord intent = intents.get(intentId);
        if (intent == null) {
            throw StripeError.notFound("payment_intent", "payment_intent", intentId);
        }
        if (!"succeeded".equals(intent.status)) {
            throw StripeError.invalid("payment_intent_unexpected_state",
                    "This PaymentIntent (" + intentId + ") does not have a successful charge to refund.", "payment_intent");
        }
        long left = intent.amountReceived() - intent.amountRefunded();
        if (left <= 0) {
            throw StripeError.invalid("charge_already_refunded", "Charge " + intent.chargeId
                    + " has already been refunded.", "payment_intent");
        }
        long value = amount == null ? left : amount;
        if (value <= 0 || value > left) {
            throw StripeError.invalid("amount_too_large", "Refund amount (" + value + ") is greater than unrefunded "
                    + "amount on charge (" + left + ")", "amount");
        }
        RefundRecord refund = new RefundRecord(StripeIds.next("re_"), intent, value, metadata, reason, now(),
                refundsPending ? "pending" : "succeeded");
        intent.refunds.add(refund);
        refunds.put(refund.id, refund);
        events.emit("refund.created", refund.toJson());
        if ("succeeded".equals(refund.status)) {
            events.emit("charge.refunded", intent.chargeJson());
        }
        return refund;
    }

    /** A pending refund ends: it succeeded, or the bank sent it back. */
    synchronized void settleRefund(String refundId, boolean success) {
        RefundRecord refund = refunds.get(refundId);
        if (refund == null || !"pending".equals(refund.status)) {
            throw StripeError.invalid(null, "Refund " + refundId + " is not pending.", null);
        }
        refund.status = success ? "succeeded" : "failed";
        refund.failureReason = success ? null : "declined";
        events.emit("refund.updated", refund.toJson());
        if (success) {
            events.emit("charge.refunded", refund.intent.chargeJson());
        } else {
            events.emit("refund.failed", refund.toJson());
        }
    }

    /** Expires every open session whose {@code expires_at} has passed. */
    synchronized void sweepExpired() {
        long now = now();
        sessions.values().stream().filter(session -> session.isOpen() && session.expiresAt <= now).toList()
                .forEach(this::close);
    }

    synchronized Optional<String> status(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId)).map(session -> session.status + "/" + session.paymentStatus);
    }

    private void close(SessionRecord session) {
        session.status = "expired";
        IntentRecord intent = session.paymentIntentId == null ? null : intents.get(session.paymentIntentId);
        if (intent != null && !"succeeded".equals(intent.status)) {
            intent.status = "canceled";
        }
        events.emit("checkout.session.expired", session.toJson());
    }

    private SessionRecord live(String id) {
        sweepExpired();
        SessionRecord session = sessions.get(id);
        if (session == null) {
            throw StripeError.notFound("checkout.session", "session", id);
        }
        return session;
    }

    private SessionRecord open(String id) {
        SessionRecord session = live(id);
        if (!session.isOpen()) {
            throw StripeError.invalid("checkout_session_unexpected_state",
                    "Checkout Session " + id + " is " + session.status + ", not open.", null);
        }
        return session;
    }

    private IntentRecord attempt(SessionRecord session) {
        if (session.paymentIntentId != null) {
            return intents.get(session.paymentIntentId);
        }
        String suffix = StripeIds.next("");
        IntentRecord intent = new IntentRecord("pi_" + suffix, "ch_" + suffix, session.id, session.amountTotal(),
                session.currency, session.paymentIntentMetadata, now());
        intents.put(intent.id, intent);
        session.paymentIntentId = intent.id;
        return intent;
    }

    /** Receives each event the store emits, in order. */
    @FunctionalInterface
    interface EventSink {
        void emit(String type, ObjectNode object);
    }
}
