package dev.payledger.core.catalog;

import dev.payledger.core.money.Money;

import java.util.Currency;
import java.util.Map;

final class Prices {
    private Prices() {
    }

    static Map<Currency, Money> check(Map<Currency, Money> prices, String owner) {
        if (prices == null || prices.isEmpty()) {
            throw new IllegalArgumentException(owner + " has no price");
        }
        prices.forEach((currency, price) -> {
            if (!price.currency().equals(currency)) {
                throw new IllegalArgumentException(owner + " lists a " + price.currency() + " price under " + currency);
            }
            if (!price.isPositive()) {
                throw new IllegalArgumentException(owner + " has a price that is not positive: " + price);
            }
        });
        return Map.copyOf(prices);
    }
}
