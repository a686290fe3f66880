package dev.payledger.core.feature;

import dev.payledger.core.common.UserId;

import java.util.List;
import java.util.Optional;

/** Stored feature grants, one per user and feature. Call inside a unit of work. Thread-safe. */
public interface FeatureGrants {
    Optional<FeatureGrant> find(UserId user, String featureCode);

    /** Inserts or replaces the user's grant for the feature. */
    void save(FeatureGrant grant);

    List<FeatureGrant> listByUser(UserId user);
}
