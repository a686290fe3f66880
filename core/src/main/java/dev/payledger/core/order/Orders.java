package dev.payledger.core.order;

import dev.payledger.core.common.UserId;

import java.util.List;
import java.util.Optional;

/**
 * Stored orders. Call inside a {@link dev.payledger.core.common.UnitOfWork}. Implementations are thread-safe.
 */
public interface Orders {
    /** Stores a new order; throws {@link IllegalStateException} if the id exists. */
    void insert(Order order);

    Optional<Order> find(OrderId id);

    /**
     * Replaces the stored order whose version is {@code updated.version() - 1} (compare-and-set).
     *
     * @return false, changing nothing, when the stored order has another version (someone changed it)
     */
    boolean update(Order updated);

    /** The buyer's orders, newest first, at most {@code limit}. */
    List<Order> listByBuyer(UserId buyer, int limit);
}
