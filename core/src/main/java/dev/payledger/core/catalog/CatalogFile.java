package dev.payledger.core.catalog;

import dev.payledger.core.money.Money;

import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Reads a catalog from a properties file:
 * <pre>
 * package.starter.name=Starter
 * package.starter.credits=10
 * package.starter.price.INR=49.00
 * product.visa-fee.name=Tourist visa fee
 * product.visa-fee.price.USD=30.00
 * addon.esim-10gb.name=eSIM 10 GB
 * addon.esim-10gb.price.USD=5.99
 * feature.export-csv.name=CSV export
 * feature.export-csv.cost=5
 * feature.export-csv.duration=P30D      (ISO-8601; omit for a permanent feature)
 * </pre>
 * Prices are decimals in the currency's major unit. Any malformed entry fails the whole file.
 */
public final class CatalogFile {
    private CatalogFile() {
    }

    public static Catalog read(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        return parse(properties);
    }

    public static Catalog parse(Properties properties) {
        Catalog.Builder builder = Catalog.builder();
        for (String id : ids(properties, "package")) {
            builder.creditPackage(new CreditPackage(id, required(properties, "package", id, "name"),
                    number(properties, "package", id, "credits"), prices(properties, "package." + id)));
        }
        for (String sku : ids(properties, "product")) {
            builder.product(new Product(sku, required(properties, "product", sku, "name"), Product.Kind.PRODUCT,
                    prices(properties, "product." + sku)));
        }
        for (String sku : ids(properties, "addon")) {
            builder.product(new Product(sku, required(properties, "addon", sku, "name"), Product.Kind.ADD_ON,
                    prices(properties, "addon." + sku)));
        }
        for (String code : ids(properties, "feature")) {
            String name = required(properties, "feature", code, "name");
            long cost = number(properties, "feature", code, "cost");
            String duration = properties.getProperty("feature." + code + ".duration");
            builder.feature(duration == null || duration.isBlank()
                    ? Feature.permanent(code, name, cost)
                    : Feature.timed(code, name, cost, duration(code, duration)));
        }
        return builder.build();
    }

    private static TreeSet<String> ids(Properties properties, String kind) {
        TreeSet<String> ids = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            String[] parts = key.split("\\.");
            if (parts.length >= 3 && parts[0].equals(kind)) {
                ids.add(parts[1]);
            } else if (!key.matches("(package|product|addon|feature)\\..+\\..+")) {
                throw new IllegalArgumentException("Unknown catalog key: " + key);
            }
        }
        return ids;
    }

    private static String required(Properties properties, String kind, String id, String field) {
        String value = properties.getProperty(kind + "." + id + "." + field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(kind + " " + id + " needs a " + field);
        }
        return value.trim();
    }

    private static long number(Properties properties, String kind, String id, String field) {
        String value = required(properties, kind, id, field);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(kind + " " + id + " has a " + field + " that is not a whole number");
        }
    }

    private static Map<Currency, Money> prices(Properties properties, String prefix) {
        Map<Currency, Money> prices = new LinkedHashMap<>();
        String pricePrefix = prefix + ".price.";
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.startsWith(pricePrefix)) {
                Currency currency = Money.currency(key.substring(pricePrefix.length()));
                prices.put(currency, Money.parse(currency, properties.getProperty(key)));
            }
        }
        return prices;
    }

    private static Duration duration(String code, String text) {
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("feature " + code + " has a duration that is not ISO-8601: " + text);
        }
    }
}
