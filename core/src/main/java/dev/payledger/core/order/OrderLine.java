package dev.payledger.core.order;

import dev.payledger.core.common.Require;
import dev.payledger.core.money.Money;

/**
 * One priced line of an order. {@code creditsEach} is positive for credit packages (the wallet is credited
 * {@code credits()} when the order is paid) and zero for products and add-ons.
 */
public record OrderLine(String sku, Kind kind, String name, int quantity, Money unitPrice, long creditsEach) {
    public enum Kind { CREDIT_PACKAGE, PRODUCT, ADD_ON }

    public static final int MAX_QUANTITY = 100;

    public OrderLine {
        Require.token(sku, "sku", 64);
        Require.nonNull(kind, "line kind");
        Require.text(name, "line name", 200);
        Require.nonNull(unitPrice, "unit price");
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity must be between 1 and " + MAX_QUANTITY);
        }
        if (!unitPrice.isPositive()) {
            throw new IllegalArgumentException("unit price must be positive");
        }
        if ((kind == Kind.CREDIT_PACKAGE) != (creditsEach > 0)) {
            throw new IllegalArgumentException("only credit packages carry credits, and they must");
        }
    }

    public Money total() {
        return unitPrice.times(quantity);
    }

    public long credits() {
        return Math.multiplyExact(creditsEach, (long) quantity);
    }
}
