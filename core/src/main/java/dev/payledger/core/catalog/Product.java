package dev.payledger.core.catalog;

import dev.payledger.core.common.Require;
import dev.payledger.core.money.Money;

import java.util.Currency;
import java.util.Map;
import java.util.Optional;

/** Something sold for money with a SKU: a product (a visa fee) or an add-on to one (an eSIM). */
public record Product(String sku, String name, Kind kind, Map<Currency, Money> prices) {
    public enum Kind { PRODUCT, ADD_ON }

    public Product {
        Require.token(sku, "sku", 64);
        Require.text(name, "product name", 200);
        Require.nonNull(kind, "product kind");
        prices = Prices.check(prices, "product " + sku);
    }

    public Optional<Money> priceIn(Currency currency) {
        return Optional.ofNullable(prices.get(currency));
    }
}
