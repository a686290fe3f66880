package dev.payledger.core.payment;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The enabled providers by name. Immutable and thread-safe. */
public final class Providers {
    private final Map<String, PaymentProvider> byName;

    public Providers(List<PaymentProvider> providers) {
        Map<String, PaymentProvider> map = new LinkedHashMap<>();
        for (PaymentProvider provider : providers) {
            if (map.putIfAbsent(provider.name(), provider) != null) {
                throw new IllegalArgumentException("Provider " + provider.name() + " is configured twice");
            }
        }
        this.byName = java.util.Collections.unmodifiableMap(map);
    }

    public Optional<PaymentProvider> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public Collection<PaymentProvider> all() {
        return byName.values();
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
