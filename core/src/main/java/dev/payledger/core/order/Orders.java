package dev.payledger.core.order;

import dev.payledger.core.common.UserId;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stored orders. Call inside a {@link dev.payledger.core.common.UnitOfWork}. Implementations are thread-safe.
 */
public interface Orders {
    /** Stores a new order; throws {@link IllegalStateException} if the id exists. */
    void insert(Order order);

    Optional<Order> find(OrderId id);

    /** The orders with these ids, keyed by id (absent ones are missing). */
    default Map<OrderId, Order> findAll(Collection<OrderId> ids) {
        Map<OrderId, Order> found = new LinkedHashMap<>();
        for (OrderId id : ids) {
            find(id).ifPresent(order -> found.put(id, order));
        }
        return found;
    }

    /**
     * Replaces the stored order whose version is {@code updated.version() - 1} (compare-and-set).
     *
     * @return false, changing nothing, when the stored order has another version (someone changed it)
     */
    boolean update(Order updated);

    /**
     * {@link #update} for several orders (distinct ids).
     *
     * @return true when every one was updated; false when any had changed meanwhile, in which case some may have
     *     been updated and the caller must roll its transaction back
     */
    default boolean updateAll(List<Order> updated) {
        boolean all = true;
        for (Order order : updated) {
            all &= update(order);
        }
        return all;
    }

    /** The buyer's orders, newest first, at most {@code limit}. */
    List<Order> listByBuyer(UserId buyer, int limit);
}
