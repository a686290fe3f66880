package dev.payledger.core.payment;

import dev.payledger.core.common.Require;
import dev.payledger.core.order.OrderId;

import java.util.Currency;

/** What a checkout pays for: a credit package in a currency, or an order placed before. */
public sealed interface PurchaseTarget {
    record CreditPackage(String packageId, Currency currency) implements PurchaseTarget {
        public CreditPackage {
            Require.token(packageId, "package id", 64);
            Require.nonNull(currency, "currency");
        }
    }

    record ExistingOrder(OrderId orderId) implements PurchaseTarget {
        public ExistingOrder {
            Require.nonNull(orderId, "order id");
        }
    }

    static PurchaseTarget creditPackage(String packageId, Currency currency) {
        return new CreditPackage(packageId, currency);
    }

    static PurchaseTarget order(OrderId orderId) {
        return new ExistingOrder(orderId);
    }
}
