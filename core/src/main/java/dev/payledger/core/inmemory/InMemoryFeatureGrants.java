package dev.payledger.core.inmemory;

import dev.payledger.core.common.UserId;
import dev.payledger.core.feature.FeatureGrant;
import dev.payledger.core.feature.FeatureGrants;

import java.util.List;
import java.util.Optional;

final class InMemoryFeatureGrants implements FeatureGrants {
    private final Table<String, FeatureGrant> grants;

    InMemoryFeatureGrants(InMemoryTransactions transactions) {
        this.grants = new Table<>(transactions);
    }

    @Override
    public Optional<FeatureGrant> find(UserId user, String featureCode) {
        return grants.get(key(user, featureCode));
    }

    @Override
    public void save(FeatureGrant grant) {
        grants.put(key(grant.user(), grant.featureCode()), grant);
    }

    @Override
    public List<FeatureGrant> listByUser(UserId user) {
        return grants.values().stream().filter(grant -> grant.user().equals(user)).toList();
    }

    private static String key(UserId user, String featureCode) {
        return user.value() + "\n" + featureCode;
    }
}
