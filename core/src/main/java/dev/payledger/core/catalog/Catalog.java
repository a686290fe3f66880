package dev.payledger.core.catalog;

import dev.payledger.core.money.Money;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server-side source of truth for prices: credit packages, products, add-ons and features. Clients
 * name ids and quantities, never amounts. Immutable and thread-safe.
 */
public final class Catalog {
    private final Map<String, CreditPackage> packages;
    private final Map<String, Product> products;
    private final Map<String, Feature> features;

    private Catalog(Builder builder) {
        this.packages = Collections.unmodifiableMap(new LinkedHashMap<>(builder.packages));
        this.products = Collections.unmodifiableMap(new LinkedHashMap<>(builder.products));
        this.features = Collections.unmodifiableMap(new LinkedHashMap<>(builder.features));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The demo catalog: three credit packages, a visa fee with an eSIM add-on, and three features. */
    public static Catalog defaultCatalog() {
        Currency inr = Money.currency("INR");
        Currency usd = Money.currency("USD");
        return builder()
                .creditPackage(new CreditPackage("starter", "Starter", 10,
                        Map.of(inr, Money.ofMinor(inr, 4900), usd, Money.ofMinor(usd, 99))))
                .creditPackage(new CreditPackage("popular", "Popular", 50,
                        Map.of(inr, Money.ofMinor(inr, 19900), usd, Money.ofMinor(usd, 399))))
                .creditPackage(new CreditPackage("pro", "Pro", 100,
                        Map.of(inr, Money.ofMinor(inr, 34900), usd, Money.ofMinor(usd, 699))))
                .product(new Product("visa-fee", "Tourist visa fee", Product.Kind.PRODUCT,
                        Map.of(inr, Money.ofMinor(inr, 250000), usd, Money.ofMinor(usd, 3000))))
                .product(new Product("esim-10gb", "eSIM 10 GB add-on", Product.Kind.ADD_ON,
                        Map.of(inr, Money.ofMinor(inr, 49900), usd, Money.ofMinor(usd, 599))))
                .feature(Feature.timed("export-csv", "CSV export (30 days)", 5, Duration.ofDays(30)))
                .feature(Feature.timed("ai-summary", "AI summaries (1 day)", 2, Duration.ofDays(1)))
                .feature(Feature.permanent("dark-theme", "Dark theme", 20))
                .build();
    }

    public Optional<CreditPackage> creditPackage(String id) {
        return Optional.ofNullable(packages.get(id));
    }

    public Optional<Product> product(String sku) {
        return Optional.ofNullable(products.get(sku));
    }

    public Optional<Feature> feature(String code) {
        return Optional.ofNullable(features.get(code));
    }

    public Collection<CreditPackage> creditPackages() {
        return packages.values();
    }

    public Collection<Product> products() {
        return products.values();
    }

    public Collection<Feature> features() {
        return features.values();
    }

    /** Builds a catalog in code; ids must be unique across packages and products. Not thread-safe. */
    public static final class Builder {
        private final Map<String, CreditPackage> packages = new LinkedHashMap<>();
        private final Map<String, Product> products = new LinkedHashMap<>();
        private final Map<String, Feature> features = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder creditPackage(CreditPackage creditPackage) {
            requireFreeSku(creditPackage.id());
            packages.put(creditPackage.id(), creditPackage);
            return this;
        }

        public Builder product(Product product) {
            requireFreeSku(product.sku());
            products.put(product.sku(), product);
            return this;
        }

        public Builder feature(Feature feature) {
            if (features.putIfAbsent(feature.code(), feature) != null) {
                throw new IllegalArgumentException("Duplicate feature " + feature.code());
            }
            return this;
        }

        public Catalog build() {
            return new Catalog(this);
        }

        private void requireFreeSku(String sku) {
            if (packages.containsKey(sku) || products.containsKey(sku)) {
                throw new IllegalArgumentException("Duplicate catalog id " + sku);
            }
        }
    }
}
