package dev.payledger.core.feature;

import dev.payledger.core.common.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's access to a feature from {@code activatedAt} until {@code expiresAt} (empty: forever). Unlocking
 * an active timed grant again extends it from its current expiry; an expired one starts afresh.
 */
public record FeatureGrant(UserId user, String featureCode, Instant activatedAt, Optional<Instant> expiresAt) {
    public FeatureGrant {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(featureCode, "featureCode");
        Objects.requireNonNull(activatedAt, "activatedAt");
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
    }

    public static FeatureGrant start(UserId user, String featureCode, Optional<Duration> duration, Instant now) {
        return new FeatureGrant(user, featureCode, now, duration.map(now::plus));
    }

    public boolean isActive(Instant now) {
        return expiresAt.map(now::isBefore).orElse(true);
    }

    /** The grant after unlocking again for {@code duration} (empty: permanent). */
    public FeatureGrant extend(Optional<Duration> duration, Instant now) {
        if (duration.isEmpty()) {
            return new FeatureGrant(user, featureCode, isActive(now) ? activatedAt : now, Optional.empty());
        }
        if (!isActive(now)) {
            return start(user, featureCode, duration, now);
        }
        return new FeatureGrant(user, featureCode, activatedAt, expiresAt.map(end -> end.plus(duration.get())));
    }
}
