package dev.payledger.core.payment;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.Atomically;
import dev.payledger.core.common.ConcurrentChangeException;
import dev.payledger.core.common.Ids;
import dev.payledger.core.common.Require;
import dev.payledger.core.money.Money;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Refunds a captured payment, fully or partly, in atomic phases: (1) record the refund and claw back the
 * credits bought with that money (refused, or forced, when they were spent: {@link ClawbackPolicy}), (2) ask
 * the provider with our refund id as the idempotency key, (3) record its answer. A refund the provider could
 * not be reached for stays {@code REQUESTED}: the provider's refund event, or a retry, finishes it.
 * Thread-safe.
 */
public final class RefundPayment {
    private final Persistence store;
    private final Providers providers;
    private final Refunding refunding;
    private final Ids ids;
    private final Clock clock;

    public RefundPayment(Persistence store, Providers providers, Ids ids, Clock clock) {
        this.store = store;
        this.providers = providers;
        this.refunding = new Refunding(store);
        this.ids = ids;
        this.clock = clock;
    }

    public Result refund(Command command) {
        RefundId refundId = new RefundId(ids.next("rfd"));
        Object prepared = Atomically.run(store.unitOfWork(), () -> prepare(refundId, command));
        if (prepared instanceof Refused refused) {
            return refused;
        }
        Refund refund = (Refund) prepared;
        Payment payment = store.unitOfWork().inTransaction(() -> store.payments().find(refund.paymentId()).orElseThrow());
        PaymentGateway gateway = providers.find(payment.provider()).orElseThrow(() ->
                new IllegalStateException("Provider " + payment.provider() + " is not enabled")).gateway();
        RefundOutcome outcome;
        try {
            outcome = gateway.refund(new RefundRequest(refund.id(), payment, refund.amount(), refund.reason()));
        } catch (GatewayException e) {
            return new Refused(Refusal.PROVIDER_FAILED,
                    "The provider could not be reached; refund " + refund.id() + " will complete when it confirms");
        }
        return Atomically.run(store.unitOfWork(), () -> record(refund.id(), outcome));
    }

    private Object prepare(RefundId refundId, Command command) {
        Optional<Payment> found = store.payments().find(command.paymentId());
        if (found.isEmpty()) {
            return new Refused(Refusal.PAYMENT_NOT_FOUND, "Payment not found");
        }
        Payment payment = found.get();
        if (!payment.status().isPaid() || providers.find(payment.provider()).isEmpty()) {
            return new Refused(Refusal.NOT_REFUNDABLE, "Payment " + payment.id() + " is " + payment.status());
        }
        Money refundable = refunding.refundable(payment);
        Money amount = command.amount().orElse(refundable);
        if (!amount.currency().equals(payment.amount().currency()) || !amount.isPositive()) {
            return new Refused(Refusal.INVALID_AMOUNT, "Refund amount must be positive and in "
                    + payment.amount().currencyCode());
        }
        if (amount.isGreaterThan(refundable)) {
            return new Refused(Refusal.AMOUNT_TOO_LARGE, "At most " + refundable + " can be refunded");
        }
        Instant now = clock.instant();
        // Claim the payment for this refund: a concurrent refund of the same payment loses this compare-and-set,
        // runs again and then sees this refund in what is still refundable.
        ConcurrentChangeException.requireUpdated(store.payments().update(payment.touched(now)), "payment " + payment.id());
        Optional<Long> credits = refunding.clawBack(refundId, payment, amount, command.policy(), now);
        if (credits.isEmpty()) {
            return new Refused(Refusal.CREDITS_ALREADY_SPENT,
                    "The user already spent the credits this refund would claw back");
        }
        Refund refund = Refund.request(refundId, payment.id(), amount, command.reason(), credits.get(), now);
        store.refunds().insert(refund);
        return refund;
    }

    private Result record(RefundId refundId, RefundOutcome outcome) {
        Refund refund = store.refunds().find(refundId).orElseThrow();
        Instant now = clock.instant();
        if (refund.status().isFinal()) {
            return new Refunded(refund);
        }
        if (outcome instanceof RefundOutcome.Succeeded succeeded) {
            return new Refunded(refunding.complete(refund, Optional.of(succeeded.providerRefundId()), now));
        }
        if (outcome instanceof RefundOutcome.Pending pending) {
            if (refund.status() == RefundStatus.PENDING) {
                return new Refunded(refund);
            }
            Refund waiting = refund.moveTo(RefundStatus.PENDING, Optional.of(pending.providerRefundId()), now);
            ConcurrentChangeException.requireUpdated(store.refunds().update(waiting), "refund " + refundId);
            return new Refunded(waiting);
        }
        refunding.fail(refund, now);
        return new Refused(Refusal.PROVIDER_DECLINED, ((RefundOutcome.Failed) outcome).reason());
    }

    /** Refund {@code amount} (empty: everything still refundable) of a payment. */
    public record Command(PaymentId paymentId, Optional<Money> amount, String reason, ClawbackPolicy policy) {
        public Command {
            Require.nonNull(paymentId, "payment id");
            amount = amount == null ? Optional.empty() : amount;
            Require.text(reason, "reason", 500);
            Require.nonNull(policy, "clawback policy");
        }
    }

    public sealed interface Result {
    }

    /** Accepted: {@code refund.status()} is SUCCEEDED, or PENDING until the provider confirms. */
    public record Refunded(Refund refund) implements Result {
    }

    public record Refused(Refusal reason, String message) implements Result {
    }

    public enum Refusal {
        PAYMENT_NOT_FOUND, NOT_REFUNDABLE, INVALID_AMOUNT, AMOUNT_TOO_LARGE, CREDITS_ALREADY_SPENT, PROVIDER_FAILED,
        PROVIDER_DECLINED
    }
}
