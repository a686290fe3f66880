package dev.payledger.core.payment;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.Atomically;
import dev.payledger.core.common.ConcurrentChangeException;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.LedgerTransaction;
import dev.payledger.core.ledger.Posting;
import dev.payledger.core.ledger.Transfer;
import dev.payledger.core.order.FulfilmentStatus;
import dev.payledger.core.order.Order;
import dev.payledger.core.order.OrderPaymentStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one settlement path. The checkout callback, webhooks and the reconciler all end here with verified
 * evidence, and in one transaction it captures the payment (compare-and-set, so a second caller finds it
 * captured and credits nothing), checks amount and currency, posts the ledger transaction
 * {@code settle:<paymentId>} (unique, so it cannot post twice), credits the wallet, marks the order paid and
 * writes outbox events. Money that does not match is recorded in suspense and the payment held for review.
 * Calls no provider. Thread-safe.
 */
public final class SettlePayment {
    private final Persistence store;
    private final Clock clock;

    public SettlePayment(Persistence store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Result settle(SettlementEvidence evidence) {
        return Atomically.run(store.unitOfWork(), () -> settleNow(evidence));
    }

    private Result settleNow(SettlementEvidence evidence) {
        Optional<Payment> found = PaymentLocator.locate(store.payments(), evidence.provider(), evidence.reference());
        if (found.isEmpty()) {
            return new UnknownPayment(evidence.reference());
        }
        Payment payment = found.get();
        if (payment.status().isPaid()) {
            return new AlreadySettled(payment);
        }
        if (payment.status() == PaymentStatus.NEEDS_REVIEW) {
            return new NeedsReview(payment, payment.failureReason().orElse("held for review"));
        }
        Order order = store.orders().find(payment.orderId())
                .orElseThrow(() -> new IllegalStateException("Payment " + payment.id() + " has no order"));
        Optional<String> mismatch = mismatch(payment, order, evidence);
        return mismatch.isPresent() ? holdForReview(payment, evidence, mismatch.get()) : capture(payment, order, evidence);
    }

    /**
     * Holds an open payment for review without posting money: the provider authorized an amount that does not
     * match, and we did not capture it.
     */
    void holdUncaptured(SettlementEvidence evidence, String reason) {
        Atomically.run(store.unitOfWork(), () -> {
            PaymentLocator.locate(store.payments(), evidence.provider(), evidence.reference())
                    .filter(payment -> payment.status().isOpen()).ifPresent(payment -> {
                        Instant now = clock.instant();
                        Payment held = payment.moveTo(PaymentStatus.NEEDS_REVIEW,
                                Optional.of(evidence.providerPaymentId()), Optional.of(reason), now);
                        ConcurrentChangeException.requireUpdated(store.payments().update(held), "payment " + payment.id());
                        Events.payment(store.outbox(), "payment.needs_review", held, now, "reason", reason);
                    });
            return null;
        });
    }

    private static Optional<String> mismatch(Payment payment, Order order, SettlementEvidence evidence) {
        if (!evidence.amount().currency().equals(payment.amount().currency())) {
            return Optional.of("currency_mismatch: expected " + payment.amount().currencyCode() + ", paid "
                    + evidence.amount().currencyCode());
        }
        if (evidence.amount().minor() != payment.amount().minor()) {
            return Optional.of("amount_mismatch: expected " + payment.amount() + ", paid " + evidence.amount());
        }
        if (order.fulfilment() == FulfilmentStatus.CANCELLED) {
            return Optional.of("order_cancelled: money arrived for a cancelled order");
        }
        if (order.paymentStatus() != OrderPaymentStatus.PENDING) {
            return Optional.of("order_already_paid: a second payment arrived for the order");
        }
        return Optional.empty();
    }

    private Result holdForReview(Payment payment, SettlementEvidence evidence, String reason) {
        Instant now = clock.instant();
        Payment held = payment.moveTo(PaymentStatus.NEEDS_REVIEW, Optional.of(evidence.providerPaymentId()),
                Optional.of(reason), now);
        ConcurrentChangeException.requireUpdated(store.payments().update(held), "payment " + payment.id());
        if (evidence.amount().isPositive()) {
            store.ledger().post(new LedgerTransaction("review:" + payment.id(), EntryType.SETTLEMENT,
                    List.of(new Transfer(AccountId.suspense(evidence.amount().currency()),
                            AccountId.clearing(payment.provider(), evidence.amount().currency()),
                            evidence.amount().minor())),
                    "Held for review: " + reason, now));
        }
        Events.payment(store.outbox(), "payment.needs_review", held, now, "reason", reason);
        return new NeedsReview(held, reason);
    }

    private Result capture(Payment payment, Order order, SettlementEvidence evidence) {
        Instant now = clock.instant();
        Payment captured = payment.moveTo(PaymentStatus.CAPTURED, Optional.of(evidence.providerPaymentId()),
                Optional.empty(), now);
        ConcurrentChangeException.requireUpdated(store.payments().update(captured), "payment " + payment.id());
        Posting posting = store.ledger().post(settlement(captured, order, now));
        if (!(posting instanceof Posting.Posted)) {
            throw new IllegalStateException("Settlement of " + payment.id() + " could not post: " + posting);
        }
        ConcurrentChangeException.requireUpdated(store.orders().update(order.paid()), "order " + order.id());
        long credits = order.credits();
        long balance = credits > 0 ? store.ledger().wallet(captured.user()).balance() : 0;
        Events.payment(store.outbox(), "payment.paid", captured, now, "credits", Long.toString(credits));
        if (credits > 0) {
            Events.payment(store.outbox(), "wallet.credited", captured, now, "credits", Long.toString(credits),
                    "balance", Long.toString(balance));
        }
        return new Settled(captured, credits);
    }

    private static LedgerTransaction settlement(Payment payment, Order order, Instant now) {
        List<Transfer> transfers = new ArrayList<>();
        transfers.add(new Transfer(AccountId.revenue(payment.amount().currency()),
                AccountId.clearing(payment.provider(), payment.amount().currency()), payment.amount().minor()));
        long credits = order.credits();
        if (credits > 0) {
            transfers.add(new Transfer(AccountId.creditsIssued(), AccountId.wallet(payment.user()), credits));
        }
        return new LedgerTransaction("settle:" + payment.id(), credits > 0 ? EntryType.PURCHASE : EntryType.SETTLEMENT,
                transfers, order.description() + " via " + payment.provider(), now);
    }

    /** What settling did. */
    public sealed interface Result {
    }

    /** Captured now; {@code credits} were added to the wallet (zero for orders without credit packages). */
    public record Settled(Payment payment, long credits) implements Result {
    }

    /** Captured before: nothing changed. */
    public record AlreadySettled(Payment payment) implements Result {
    }

    /** The money did not match; it is recorded in suspense and the payment waits for an operator. */
    public record NeedsReview(Payment payment, String reason) implements Result {
    }

    /** No payment matches the evidence. */
    public record UnknownPayment(PaymentReference reference) implements Result {
    }
}
