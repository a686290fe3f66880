package dev.payledger.core.order;

import dev.payledger.core.catalog.Catalog;
import dev.payledger.core.catalog.CreditPackage;
import dev.payledger.core.catalog.Product;
import dev.payledger.core.common.Atomically;
import dev.payledger.core.common.ConcurrentChangeException;
import dev.payledger.core.common.Ids;
import dev.payledger.core.common.Require;
import dev.payledger.core.common.UnitOfWork;
import dev.payledger.core.common.UserId;
import dev.payledger.core.money.Money;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Places orders priced from the catalog (the client names SKUs and quantities, never amounts), lets the buyer
 * cancel an unpaid one, and lets an operator move fulfilment along. Thread-safe.
 */
public final class ManageOrder {
    private final UnitOfWork unitOfWork;
    private final Orders orders;
    private final Catalog catalog;
    private final Ids ids;
    private final Clock clock;

    public ManageOrder(UnitOfWork unitOfWork, Orders orders, Catalog catalog, Ids ids, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.orders = orders;
        this.catalog = catalog;
        this.ids = ids;
        this.clock = clock;
    }

    public Result place(PlaceCommand command) {
        List<OrderLine> lines = new ArrayList<>();
        for (Item item : command.items()) {
            Optional<OrderLine> line = price(item, command.currency());
            if (line.isEmpty()) {
                return new Refused(Refusal.UNKNOWN_ITEM, "No " + item.sku() + " priced in " + command.currency());
            }
            lines.add(line.get());
        }
        boolean hasProduct = lines.stream().anyMatch(line -> line.kind() == OrderLine.Kind.PRODUCT);
        if (!hasProduct && lines.stream().anyMatch(line -> line.kind() == OrderLine.Kind.ADD_ON)) {
            return new Refused(Refusal.ADD_ON_WITHOUT_PRODUCT, "An add-on needs a product in the same order");
        }
        Order order = Order.place(new OrderId(ids.next("ord")), command.buyer(), lines, clock.instant());
        unitOfWork.inTransaction(() -> {
            orders.insert(order);
            return null;
        });
        return new Changed(order);
    }

    private Optional<OrderLine> price(Item item, Currency currency) {
        Optional<CreditPackage> creditPackage = catalog.creditPackage(item.sku());
        if (creditPackage.isPresent()) {
            CreditPackage p = creditPackage.get();
            return p.priceIn(currency).map(price ->
                    new OrderLine(p.id(), OrderLine.Kind.CREDIT_PACKAGE, p.name(), item.quantity(), price, p.credits()));
        }
        return catalog.product(item.sku()).flatMap(product -> product.priceIn(currency).map(price ->
                new OrderLine(product.sku(), product.kind() == Product.Kind.ADD_ON ? OrderLine.Kind.ADD_ON
                        : OrderLine.Kind.PRODUCT, product.name(), item.quantity(), price, 0)));
    }

    public Optional<Order> find(OrderId id) {
        return unitOfWork.inTransaction(() -> orders.find(id));
    }

    public List<Order> list(UserId buyer, int limit) {
        return unitOfWork.inTransaction(() -> orders.listByBuyer(buyer, Math.min(Math.max(limit, 1), 100)));
    }

    /** The buyer cancels an order not paid yet. */
    public Result cancel(UserId buyer, OrderId id) {
        return change(id, order -> {
            if (!order.isBoughtBy(buyer)) {
                return new Refused(Refusal.NOT_YOUR_ORDER, "Not your order");
            }
            if (order.paymentStatus() != OrderPaymentStatus.PENDING) {
                return new Refused(Refusal.ILLEGAL_TRANSITION, "A paid order cannot be cancelled; refund it instead");
            }
            return null;
        }, FulfilmentStatus.CANCELLED);
    }

    /** An operator moves fulfilment along (confirm, ship, deliver, cancel). */
    public Result advance(OrderId id, FulfilmentStatus target) {
        return change(id, order -> null, target);
    }

    private Result change(OrderId id, java.util.function.Function<Order, Refused> check, FulfilmentStatus target) {
        return Atomically.run(unitOfWork, () -> {
            Optional<Order> found = orders.find(id);
            if (found.isEmpty()) {
                return new Refused(Refusal.ORDER_NOT_FOUND, "Order not found");
            }
            Order order = found.get();
            Refused refused = check.apply(order);
            if (refused != null) {
                return refused;
            }
            if (order.fulfilment() == target) {
                return new Changed(order);
            }
            if (!order.fulfilment().canMoveTo(target)) {
                return new Refused(Refusal.ILLEGAL_TRANSITION, "Order is " + order.fulfilment() + ", cannot become " + target);
            }
            Order changed = order.moveTo(target);
            ConcurrentChangeException.requireUpdated(orders.update(changed), "order " + id);
            return new Changed(changed);
        });
    }

    public record Item(String sku, int quantity) {
        public Item {
            Require.token(sku, "sku", 64);
            if (quantity < 1 || quantity > OrderLine.MAX_QUANTITY) {
                throw new IllegalArgumentException("quantity must be between 1 and " + OrderLine.MAX_QUANTITY);
            }
        }
    }

    public record PlaceCommand(UserId buyer, Currency currency, List<Item> items) {
        public PlaceCommand {
            Require.nonNull(buyer, "buyer");
            Require.nonNull(currency, "currency");
            items = List.copyOf(Require.nonNull(items, "items"));
            if (items.isEmpty() || items.size() > 20) {
                throw new IllegalArgumentException("An order has 1 to 20 items");
            }
        }

        public static PlaceCommand of(UserId buyer, String currency, Item... items) {
            return new PlaceCommand(buyer, Money.currency(currency), List.of(items));
        }
    }

    public sealed interface Result {
    }

    public record Changed(Order order) implements Result {
    }

    public record Refused(Refusal reason, String message) implements Result {
    }

    public enum Refusal {
        UNKNOWN_ITEM, ADD_ON_WITHOUT_PRODUCT, ORDER_NOT_FOUND, NOT_YOUR_ORDER, ILLEGAL_TRANSITION
    }
}
