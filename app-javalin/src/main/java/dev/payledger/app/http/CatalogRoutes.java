package dev.payledger.app.http;

import dev.payledger.core.catalog.Catalog;
import dev.payledger.core.money.Money;
import io.javalin.config.RoutesConfig;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** {@code GET /api/catalog}: packages, products, add-ons, features and the enabled providers (public). */
final class CatalogRoutes {
    private CatalogRoutes() {
    }

    static void install(RoutesConfig routes, Api api) {
        routes.get("/api/catalog", ctx -> ctx.json(catalog(api)));
    }

    private static Map<String, Object> catalog(Api api) {
        Catalog catalog = api.payLedger().catalog();
        return Json.map(
                "packages", catalog.creditPackages().stream().map(p -> Json.map("id", p.id(), "name", p.name(),
                        "credits", p.credits(), "prices", prices(p.prices().values()))).toList(),
                "products", catalog.products().stream().map(p -> Json.map("sku", p.sku(), "name", p.name(),
                        "kind", p.kind().name(), "prices", prices(p.prices().values()))).toList(),
                "features", catalog.features().stream().map(f -> Json.map("code", f.code(), "name", f.name(),
                        "cost", f.cost(), "duration_seconds", f.duration().map(d -> d.getSeconds()).orElse(null)))
                        .toList(),
                "providers", api.payLedger().providers().names(),
                "provider_currencies", providerCurrencies(api, catalog),
                "default_providers", api.config().defaultProviders());
    }

    /** Which catalog currencies each enabled provider takes (Razorpay: INR, USD; Coinbase: USD, EUR, GBP, SGD). */
    private static Map<String, List<String>> providerCurrencies(Api api, Catalog catalog) {
        java.util.Set<String> offered = new java.util.TreeSet<>();
        catalog.creditPackages().forEach(p -> p.prices().keySet().forEach(c -> offered.add(c.getCurrencyCode())));
        catalog.products().forEach(p -> p.prices().keySet().forEach(c -> offered.add(c.getCurrencyCode())));
        Map<String, List<String>> accepted = new java.util.LinkedHashMap<>();
        for (String provider : api.payLedger().providers().names()) {
            java.util.Set<String> takes = ACCEPTS.get(provider);
            accepted.put(provider, offered.stream().filter(c -> takes == null || takes.contains(c)).toList());
        }
        return accepted;
    }

    private static final Map<String, java.util.Set<String>> ACCEPTS = Map.of(
            "razorpay", java.util.Set.of("INR", "USD"), "coinbase", java.util.Set.of("USD", "EUR", "GBP", "SGD"));

    private static List<Map<String, Object>> prices(Collection<Money> prices) {
        return prices.stream().sorted((a, b) -> a.currencyCode().compareTo(b.currencyCode())).map(Views::money).toList();
    }
}
