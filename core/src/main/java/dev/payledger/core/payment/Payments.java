package dev.payledger.core.payment;

import dev.payledger.core.common.UserId;
import dev.payledger.core.order.Order;
import dev.payledger.core.order.OrderId;
import dev.payledger.core.outbox.OutboxEvent;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stored payment attempts. Call inside a {@link dev.payledger.core.common.UnitOfWork}. Thread-safe.
 * {@code (provider, providerRef)} is unique.
 */
public interface Payments {
    /** Stores a new payment; throws {@link IllegalStateException} if the id exists. */
    void insert(Payment payment);

    /**
     * Stores a new order and the first payment for it as one step, both or neither: a credit package's checkout
     * places the order it pays for. Throws {@link IllegalStateException}, storing neither, if the order's or the
     * payment's id exists.
     */
    void insertWithOrder(Order order, Payment payment);

    /**
     * A credit package's checkout: the newest payment of {@code payment}'s user for its purchase key and provider
     * created at or after {@code since}, when that one is {@linkplain Payment#isOpenForReuse() open for reuse},
     * storing nothing; otherwise {@link #insertWithOrder}{@code (order, payment)} (with its exceptions) and empty.
     * The default makes the two calls; an adapter may answer both in one round trip.
     *
     * <p>Outside a unit of work the new order and payment need not be durable when this returns: an adapter may
     * acknowledge them before they reach the disk, provided that every write it makes durable afterwards makes
     * them durable too (PostgreSQL: an asynchronous commit, flushed by any later synchronous one). A checkout
     * needs no more: the buyer learns how to pay only from the answer after phase 3's compare-and-set, which is
     * durable, so no money can be on its way for an attempt a crash lost before then (the provider's order, if
     * phase 2 opened it, expires unpaid).
     * Inside a unit of work the call commits with the unit, as every other call does.
     */
    default Optional<Payment> reuseOrInsertWithOrder(Order order, Payment payment, Instant since) {
        Optional<Payment> open = findRecent(payment.user(), payment.purchaseKey(), payment.provider(), since)
                .filter(Payment::isOpenForReuse);
        if (open.isEmpty()) {
            insertWithOrder(order, payment);
        }
        return open;
    }

    Optional<Payment> find(PaymentId id);

    Optional<Payment> findByProviderRef(String provider, String providerRef);

    /**
     * The provider's payments with these references, keyed by reference (absent ones are missing), together with
     * the orders those payments pay (as {@code Orders.findAll} would find them): a settlement batch needs both
     * before it decides, and an adapter may answer in one round trip.
     */
    FoundWithOrders findByProviderRefsWithOrders(String provider, Collection<String> providerRefs);

    /**
     * Payments keyed by provider reference, and the orders they pay keyed by id (an order that does not exist is
     * missing).
     */
    record FoundWithOrders(Map<String, Payment> byRef, Map<OrderId, Order> orders) {
        public FoundWithOrders {
            byRef = Map.copyOf(byRef);
            orders = Map.copyOf(orders);
        }
    }

    /** The payment the provider knows by this payment id (Razorpay {@code pay_…}, a Stripe payment intent). */
    Optional<Payment> findByProviderPaymentId(String provider, String providerPaymentId);

    /**
     * Replaces the stored payment whose version is {@code updated.version() - 1} (compare-and-set).
     *
     * @return false, changing nothing, when someone else changed the payment since it was read
     * @throws IllegalStateException when another payment of the provider already has this provider ref
     */
    boolean update(Payment updated);

    /**
     * {@link #update} for several payments (distinct ids).
     *
     * @return true when every one was updated; false when any had changed meanwhile, in which case some may have
     *     been updated and the caller must roll its transaction back
     */
    default boolean updateAll(List<Payment> updated) {
        boolean all = true;
        for (Payment payment : updated) {
            all &= update(payment);
        }
        return all;
    }

    /**
     * {@link #updateAll} for the payments and {@code Orders.updateAll} for the orders, both compare-and-set, then
     * {@code Outbox.appendAll} for the events that tell of them, as one step: the last write of a settlement batch
     * (its captures, their paid orders, its events), which an adapter may send in one round trip.
     *
     * @return true when every payment and every order was updated; false when any had changed meanwhile, in which
     *     case the caller must roll its transaction back
     */
    boolean updateAllWithOrders(List<Payment> payments, List<Order> orders, List<OutboxEvent> events);

    /** The newest payment of the user for this purchase key and provider created at or after {@code since}. */
    Optional<Payment> findRecent(UserId user, String purchaseKey, String provider, Instant since);

    /** Payments of a provider in one of {@code statuses} last changed before {@code updatedBefore}, oldest first. */
    List<Payment> findStale(String provider, Collection<PaymentStatus> statuses, Instant updatedBefore, int limit);

    /** The user's payments, newest first, at most {@code limit}. */
    List<Payment> listByUser(UserId user, int limit);

    /** Counts and sums per provider, status and currency, over payments created in {@code [from, to)}. */
    List<PaymentTally> tally(Instant from, Instant to);

    record PaymentTally(String provider, PaymentStatus status, String currency, long count, long amountMinor) {
    }
}
