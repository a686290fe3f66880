package dev.payledger.core.payment;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.ConcurrentChangeException;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.LedgerTransaction;
import dev.payledger.core.ledger.Posting;
import dev.payledger.core.ledger.Transfer;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.Order;
import dev.payledger.core.order.OrderPaymentStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ledger side of refunds, shared by {@link RefundPayment} and provider refund events. Credits are clawed
 * back when a refund is requested (so they cannot be spent while it is in flight) and returned if it fails;
 * the money leaves the books when the provider confirms. All methods run inside the caller's transaction.
 */
final class Refunding {
    private final Persistence store;

    Refunding(Persistence store) {
        this.store = store;
    }

    /** Money still refundable: the payment amount less every refund not failed. */
    Money refundable(Payment payment) {
        Money requested = Money.zero(payment.amount().currency());
        for (Refund refund : store.refunds().listByPayment(payment.id())) {
            if (refund.status() != RefundStatus.FAILED) {
                requested = requested.plus(refund.amount());
            }
        }
        return payment.status().isPaid() ? payment.amount().minus(requested) : Money.zero(payment.amount().currency());
    }

    /**
     * Claws back the credits bought with {@code amount} of the payment, proportionally and rounded up, so that
     * a full refund claws back exactly all of them.
     *
     * @return the credits clawed back, or empty when the wallet cannot cover them under {@code REFUSE}
     */
    Optional<Long> clawBack(RefundId refundId, Payment payment, Money amount, ClawbackPolicy policy, Instant now) {
        Order order = store.orders().find(payment.orderId()).orElseThrow();
        long bought = order.credits();
        if (bought == 0) {
            return Optional.of(0L);
        }
        Money refundedBefore = payment.amount().minus(refundable(payment));
        long before = proportion(bought, refundedBefore, payment.amount());
        long credits = proportion(bought, refundedBefore.plus(amount), payment.amount()) - before;
        if (credits == 0) {
            return Optional.of(0L);
        }
        AccountId wallet = AccountId.wallet(payment.user());
        String description = "Refund of " + amount + " (" + payment.id() + ")";
        Posting posting = store.ledger().post(new LedgerTransaction("clawback:" + refundId, EntryType.REFUND,
                List.of(new Transfer(wallet, AccountId.creditsIssued(), credits)), description, now));
        if (posting instanceof Posting.InsufficientFunds insufficient) {
            if (policy == ClawbackPolicy.REFUSE) {
                return Optional.empty();
            }
            List<Transfer> transfers = new ArrayList<>();
            if (insufficient.balance() > 0) {
                transfers.add(new Transfer(wallet, AccountId.creditsIssued(), insufficient.balance()));
            }
            transfers.add(new Transfer(AccountId.creditsWrittenOff(), AccountId.creditsIssued(),
                    credits - insufficient.balance()));
            store.ledger().post(new LedgerTransaction("clawback:" + refundId, EntryType.REFUND, transfers,
                    description + ", partly written off", now));
        }
        return Optional.of(credits);
    }

    private static long proportion(long credits, Money part, Money whole) {
        return (Math.multiplyExact(credits, part.minor()) + whole.minor() - 1) / whole.minor();
    }

    /** The provider confirmed the refund: money leaves the books, payment and order show it. Idempotent. */
    Refund complete(Refund refund, Optional<String> providerRefundId, Instant now) {
        if (refund.status() == RefundStatus.SUCCEEDED) {
            return refund;
        }
        Refund done = refund.moveTo(RefundStatus.SUCCEEDED, providerRefundId, now);
        ConcurrentChangeException.requireUpdated(store.refunds().update(done), "refund " + refund.id());
        Payment payment = store.payments().find(refund.paymentId()).orElseThrow();
        store.ledger().post(new LedgerTransaction("refund:" + refund.id(), EntryType.SETTLEMENT,
                List.of(new Transfer(AccountId.clearing(payment.provider(), refund.amount().currency()),
                        AccountId.revenue(refund.amount().currency()), refund.amount().minor())),
                "Refund of " + refund.amount() + " (" + payment.id() + ")", now));
        Payment refunded = payment.refund(refund.amount(), now);
        ConcurrentChangeException.requireUpdated(store.payments().update(refunded), "payment " + payment.id());
        Order order = store.orders().find(payment.orderId()).orElseThrow();
        OrderPaymentStatus target = refunded.status() == PaymentStatus.REFUNDED
                ? OrderPaymentStatus.REFUNDED : OrderPaymentStatus.PARTIALLY_REFUNDED;
        if (order.paymentStatus().canMoveTo(target)) {
            ConcurrentChangeException.requireUpdated(store.orders().update(order.moveTo(target)), "order " + order.id());
        }
        Events.payment(store.outbox(), "payment.refunded", refunded, now, "refund_id", refund.id().value(),
                "refund_amount", refund.amount().toDecimalString(), "credits_clawed_back",
                Long.toString(refund.creditsClawedBack()));
        return done;
    }

    /** The provider refused the refund: the clawed-back credits go back to the wallet. Idempotent. */
    Refund fail(Refund refund, Instant now) {
        if (refund.status() == RefundStatus.FAILED) {
            return refund;
        }
        if (refund.status() == RefundStatus.SUCCEEDED) {
            throw new IllegalStateException("Refund " + refund.id() + " already succeeded");
        }
        Refund failed = refund.moveTo(RefundStatus.FAILED, Optional.empty(), now);
        ConcurrentChangeException.requireUpdated(store.refunds().update(failed), "refund " + refund.id());
        if (refund.creditsClawedBack() > 0) {
            Payment payment = store.payments().find(refund.paymentId()).orElseThrow();
            store.ledger().post(new LedgerTransaction("clawback-reversal:" + refund.id(), EntryType.REFUND,
                    List.of(new Transfer(AccountId.creditsIssued(), AccountId.wallet(payment.user()),
                            refund.creditsClawedBack())),
                    "Refund failed, credits returned (" + payment.id() + ")", now));
        }
        return failed;
    }
}
