package dev.payledger.core.inmemory;

import dev.payledger.core.common.UserId;
import dev.payledger.core.order.Order;
import dev.payledger.core.order.OrderId;
import dev.payledger.core.order.Orders;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

final class InMemoryOrders implements Orders {
    private final Table<OrderId, Order> orders;

    InMemoryOrders(InMemoryTransactions transactions) {
        this.orders = new Table<>(transactions);
    }

    @Override
    public void insert(Order order) {
        if (!orders.insert(order.id(), order)) {
            throw new IllegalStateException("Order " + order.id() + " exists");
        }
    }

    @Override
    public Optional<Order> find(OrderId id) {
        return orders.get(id);
    }

    @Override
    public boolean update(Order updated) {
        return orders.read(() -> {
            Optional<Order> stored = orders.get(updated.id());
            if (stored.isEmpty() || stored.get().version() != updated.version() - 1) {
                return false;
            }
            orders.put(updated.id(), updated);
            return true;
        });
    }

    @Override
    public List<Order> listByBuyer(UserId buyer, int limit) {
        return orders.values().stream().filter(order -> order.isBoughtBy(buyer))
                .sorted(Comparator.comparing(Order::placedAt).reversed()).limit(limit).toList();
    }
}
