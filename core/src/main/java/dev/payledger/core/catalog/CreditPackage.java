package dev.payledger.core.catalog;

import dev.payledger.core.common.Require;
import dev.payledger.core.money.Money;

import java.util.Currency;
import java.util.Map;
import java.util.Optional;

/** A bundle of credits sold at a fixed price per currency ({@code starter}: 10 credits, ₹49 / $0.99). */
public record CreditPackage(String id, String name, long credits, Map<Currency, Money> prices) {
    public CreditPackage {
        Require.token(id, "package id", 64);
        Require.text(name, "package name", 200);
        Require.positive(credits, "package credits");
        prices = Prices.check(prices, "package " + id);
    }

    public Optional<Money> priceIn(Currency currency) {
        return Optional.ofNullable(prices.get(currency));
    }
}
