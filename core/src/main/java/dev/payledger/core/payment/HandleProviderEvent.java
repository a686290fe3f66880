package dev.payledger.core.payment;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.Atomically;
import dev.payledger.core.common.ConcurrentChangeException;
import dev.payledger.core.money.Money;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Acts on one verified provider event: captured money is settled through {@link SettlePayment}; an authorized
 * payment is captured first; a failure or expiry is recorded without ending the order (the payer may retry);
 * refund events finish our refunds, or record refunds made in the provider's dashboard. Events may arrive
 * twice, late and out of order: every branch is idempotent and never moves a payment backwards.
 * Thread-safe.
 */
public final class HandleProviderEvent {
    private final Persistence store;
    private final Providers providers;
    private final SettlePayment settlePayment;
    private final Refunding refunding;
    private final Clock clock;

    public HandleProviderEvent(Persistence store, Providers providers, SettlePayment settlePayment, Clock clock) {
        this.store = store;
        this.providers = providers;
        this.settlePayment = settlePayment;
        this.refunding = new Refunding(store);
        this.clock = clock;
    }

    public Outcome handle(ProviderEvent event) {
        EventFact fact = event.fact();
        if (fact instanceof EventFact.PaymentCaptured captured) {
            return settled(settlePayment.settle(captured.evidence()));
        }
        if (fact instanceof EventFact.PaymentAuthorized authorized) {
            return capture(event.provider(), authorized.evidence());
        }
        if (fact instanceof EventFact.PaymentFailed failed) {
            return close(event.provider(), failed.reference(), PaymentStatus.FAILED, failed.reason());
        }
        if (fact instanceof EventFact.PaymentExpired expired) {
            return close(event.provider(), expired.reference(), PaymentStatus.EXPIRED, "expired");
        }
        if (fact instanceof EventFact.RefundSucceeded succeeded) {
            return refundSucceeded(event.provider(), succeeded);
        }
        if (fact instanceof EventFact.RefundFailed failed) {
            return refundFailed(event.provider(), failed);
        }
        if (fact instanceof EventFact.PaymentPending pending) {
            return new Ignored("payment pending at the provider");
        }
        return new Ignored(((EventFact.Irrelevant) fact).why());
    }

    /** What settling means for the event: applied, or unmatched when no payment matches (the inbox retries it). */
    public static Outcome settled(SettlePayment.Result result) {
        if (result instanceof SettlePayment.Settled settled) {
            return new Applied("settled " + settled.payment().id() + ", credited " + settled.credits());
        }
        if (result instanceof SettlePayment.AlreadySettled already) {
            return new Applied("already settled " + already.payment().id());
        }
        if (result instanceof SettlePayment.NeedsReview review) {
            return new Applied("held " + review.payment().id() + " for review: " + review.reason());
        }
        return new Unmatched("no payment matches " + ((SettlePayment.UnknownPayment) result).reference());
    }

    private Outcome capture(String provider, SettlementEvidence evidence) {
        Optional<Payment> authorized = Atomically.run(store.unitOfWork(), () -> {
            Optional<Payment> found = PaymentLocator.locate(store.payments(), provider, evidence.reference());
            found.filter(p -> p.status() == PaymentStatus.CREATED).ifPresent(p ->
                    ConcurrentChangeException.requireUpdated(store.payments().update(p.moveTo(PaymentStatus.AUTHORIZED,
                            Optional.of(evidence.providerPaymentId()), Optional.empty(), clock.instant())),
                            "payment " + p.id()));
            return found;
        });
        if (authorized.isEmpty()) {
            return new Unmatched("no payment matches " + evidence.reference());
        }
        if (authorized.get().status().isPaid()) {
            return new Applied("already settled " + authorized.get().id());
        }
        PaymentGateway gateway = providers.find(provider).orElseThrow().gateway();
        Optional<ProviderPaymentState> captured = Capture.ifMatching(settlePayment, gateway, authorized.get(), evidence);
        if (captured.isEmpty()) {
            return new Applied("held " + authorized.get().id() + " for review: authorized amount does not match");
        }
        ProviderPaymentState state = captured.get();
        if (state instanceof ProviderPaymentState.Paid paid) {
            return settled(settlePayment.settle(paid.evidence()));
        }
        return new Applied("authorized " + authorized.get().id() + ", not captured yet");
    }

    private Outcome close(String provider, PaymentReference reference, PaymentStatus target, String reason) {
        return Atomically.run(store.unitOfWork(), () -> {
            Optional<Payment> found = PaymentLocator.locate(store.payments(), provider, reference);
            if (found.isEmpty()) {
                return new Ignored("no payment matches " + reference);
            }
            Payment payment = found.get();
            if (!payment.status().isOpen()) {
                return new Ignored("payment " + payment.id() + " is already " + payment.status());
            }
            Instant now = clock.instant();
            Payment closed = payment.moveTo(target, Optional.empty(), Optional.of(reason), now);
            ConcurrentChangeException.requireUpdated(store.payments().update(closed), "payment " + payment.id());
            Events.payment(store.outbox(), "payment." + target.name().toLowerCase(java.util.Locale.ROOT), closed, now,
                    "reason", reason);
            return new Applied(payment.id() + " " + target);
        });
    }

    private Outcome refundSucceeded(String provider, EventFact.RefundSucceeded fact) {
        return Atomically.run(store.unitOfWork(), () -> {
            Optional<Payment> payment = PaymentLocator.locate(store.payments(), provider, fact.reference());
            if (payment.isEmpty()) {
                return new Unmatched("no payment matches refund " + fact.providerRefundId());
            }
            Instant now = clock.instant();
            Optional<Refund> ours = findRefund(payment.get(), fact.refundId(), fact.providerRefundId(),
                    Optional.of(fact.amount()));
            if (ours.isPresent()) {
                refunding.complete(ours.get(), Optional.of(fact.providerRefundId()), now);
                return new Applied("refund " + ours.get().id() + " succeeded");
            }
            return refundMadeElsewhere(payment.get(), fact, now);
        });
    }

    /** A refund made in the provider's dashboard: the money is gone, so credits are clawed back by force. */
    private Outcome refundMadeElsewhere(Payment payment, EventFact.RefundSucceeded fact, Instant now) {
        Money amount = fact.amount();
        if (!payment.status().isPaid() || amount.isGreaterThan(refunding.refundable(payment))) {
            return new Unmatched("refund " + fact.providerRefundId() + " does not fit payment " + payment.id());
        }
        RefundId id = new RefundId("rfd_ext_" + Integer.toHexString(fact.providerRefundId().hashCode())
                + "_" + Long.toHexString(now.toEpochMilli()));
        long credits = refunding.clawBack(id, payment, amount, ClawbackPolicy.FORCE, now).orElseThrow();
        Refund refund = Refund.request(id, payment.id(), amount, "refunded at the provider", credits, now);
        store.refunds().insert(refund);
        refunding.complete(refund, Optional.of(fact.providerRefundId()), now);
        return new Applied("recorded refund " + fact.providerRefundId() + " made at the provider");
    }

    private Outcome refundFailed(String provider, EventFact.RefundFailed fact) {
        return Atomically.run(store.unitOfWork(), () -> {
            Optional<Payment> payment = PaymentLocator.locate(store.payments(), provider, fact.reference());
            Optional<Refund> ours = payment.flatMap(p -> findRefund(p, fact.refundId(), fact.providerRefundId(),
                    Optional.empty()));
            if (ours.isEmpty()) {
                return new Ignored("no refund matches " + fact.providerRefundId());
            }
            if (ours.get().status() == RefundStatus.SUCCEEDED) {
                return new Ignored("refund " + ours.get().id() + " already succeeded");
            }
            refunding.fail(ours.get(), clock.instant());
            return new Applied("refund " + ours.get().id() + " failed: " + fact.reason());
        });
    }

    /**
     * Our refund the event is about: by our id when the provider echoes it, by the provider's refund id once we
     * stored it, or else the oldest refund we requested and have no provider id for yet (the event overtook
     * our own record of the provider's answer) — of the same amount when the event states one.
     */
    private Optional<Refund> findRefund(Payment payment, Optional<RefundId> refundId, String providerRefundId,
                                        Optional<Money> amount) {
        return refundId.flatMap(id -> store.refunds().find(id)).filter(r -> r.paymentId().equals(payment.id()))
                .or(() -> store.refunds().findByProviderRefundId(payment.id(), providerRefundId))
                .or(() -> store.refunds().listByPayment(payment.id()).stream()
                        .filter(r -> r.status() == RefundStatus.REQUESTED && r.providerRefundId().isEmpty())
                        .filter(r -> amount.map(r.amount()::equals).orElse(true))
                        .findFirst());
    }

    /** What handling an event did. */
    public sealed interface Outcome {
    }

    public record Applied(String summary) implements Outcome {
    }

    public record Ignored(String reason) implements Outcome {
    }

    /** The event is about money we cannot match to a payment yet: worth retrying, then an operator's look. */
    public record Unmatched(String reason) implements Outcome {
    }
}
