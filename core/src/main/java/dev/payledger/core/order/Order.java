package dev.payledger.core.order;

import dev.payledger.core.common.UserId;
import dev.payledger.core.money.Money;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a buyer ordered, priced from the catalog, with its fulfilment and payment status. Immutable: every
 * change returns a new order with {@code version + 1}; {@link Orders#update} stores it only if nobody else
 * changed the order since it was read. A credit purchase is an order with one credit-package line; its
 * fulfilment is crediting the wallet, so paying it delivers it.
 */
public final class Order {
    private final OrderId id;
    private final UserId buyer;
    private final List<OrderLine> lines;
    private final Money total;
    private final FulfilmentStatus fulfilment;
    private final OrderPaymentStatus payment;
    private final Instant placedAt;
    private final long version;

    private Order(OrderId id, UserId buyer, List<OrderLine> lines, FulfilmentStatus fulfilment,
                  OrderPaymentStatus payment, Instant placedAt, long version) {
        this.id = Objects.requireNonNull(id);
        this.buyer = Objects.requireNonNull(buyer);
        this.lines = List.copyOf(lines);
        if (this.lines.isEmpty()) {
            throw new IllegalArgumentException("An order needs at least one line");
        }
        Money sum = Money.zero(this.lines.get(0).unitPrice().currency());
        for (OrderLine line : this.lines) {
            sum = sum.plus(line.total());
        }
        this.total = sum;
        this.fulfilment = Objects.requireNonNull(fulfilment);
        this.payment = Objects.requireNonNull(payment);
        this.placedAt = Objects.requireNonNull(placedAt);
        this.version = version;
    }

    public static Order place(OrderId id, UserId buyer, List<OrderLine> lines, Instant now) {
        return new Order(id, buyer, lines, FulfilmentStatus.PLACED, OrderPaymentStatus.PENDING, now, 1);
    }

    /** Rebuilds an order read from storage. */
    public static Order restore(OrderId id, UserId buyer, List<OrderLine> lines, FulfilmentStatus fulfilment,
                                OrderPaymentStatus payment, Instant placedAt, long version) {
        return new Order(id, buyer, lines, fulfilment, payment, placedAt, version);
    }

    public Order moveTo(FulfilmentStatus target) {
        if (!fulfilment.canMoveTo(target)) {
            throw new IllegalStateException("Order " + id + " cannot go from " + fulfilment + " to " + target);
        }
        return new Order(id, buyer, lines, target, payment, placedAt, version + 1);
    }

    public Order moveTo(OrderPaymentStatus target) {
        if (!payment.canMoveTo(target)) {
            throw new IllegalStateException("Order " + id + " payment cannot go from " + payment + " to " + target);
        }
        return new Order(id, buyer, lines, fulfilment, target, placedAt, version + 1);
    }

    /** Marks the order paid; a credit-only order is then delivered, any other order confirmed. */
    public Order paid() {
        Order paid = moveTo(OrderPaymentStatus.PAID);
        if (paid.fulfilment != FulfilmentStatus.PLACED) {
            return paid;
        }
        return isCreditPurchase()
                ? paid.moveTo(FulfilmentStatus.CONFIRMED).moveTo(FulfilmentStatus.DELIVERED).withVersion(version + 1)
                : paid.moveTo(FulfilmentStatus.CONFIRMED).withVersion(version + 1);
    }

    private Order withVersion(long newVersion) {
        return new Order(id, buyer, lines, fulfilment, payment, placedAt, newVersion);
    }

    public boolean isCreditPurchase() {
        return lines.stream().allMatch(line -> line.kind() == OrderLine.Kind.CREDIT_PACKAGE);
    }

    /** Credits the wallet receives when this order is paid. */
    public long credits() {
        long credits = 0;
        for (OrderLine line : lines) {
            credits = Math.addExact(credits, line.credits());
        }
        return credits;
    }

    public boolean isBoughtBy(UserId user) {
        return buyer.equals(user);
    }

    public String description() {
        OrderLine first = lines.get(0);
        String text = (first.quantity() > 1 ? first.quantity() + " × " : "") + first.name();
        return lines.size() == 1 ? text : text + " + " + (lines.size() - 1) + " more";
    }

    public OrderId id() {
        return id;
    }

    public UserId buyer() {
        return buyer;
    }

    public List<OrderLine> lines() {
        return lines;
    }

    public Money total() {
        return total;
    }

    public FulfilmentStatus fulfilment() {
        return fulfilment;
    }

    public OrderPaymentStatus paymentStatus() {
        return payment;
    }

    public Instant placedAt() {
        return placedAt;
    }

    public long version() {
        return version;
    }

    @Override
    public String toString() {
        return "Order[" + id + ", " + total + ", " + fulfilment + "/" + payment + ", v" + version + "]";
    }

}
