package dev.payledger.core.catalog;

import dev.payledger.core.common.Require;

import java.time.Duration;
import java.util.Optional;

/**
 * Something credits unlock. {@code duration} empty means permanent; otherwise unlocking again extends the
 * grant by the duration.
 */
public record Feature(String code, String name, long cost, Optional<Duration> duration) {
    public Feature {
        Require.token(code, "feature code", 64);
        Require.text(name, "feature name", 200);
        Require.positive(cost, "feature cost");
        duration = duration == null ? Optional.empty() : duration;
        duration.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("feature " + code + " has a duration that is not positive");
            }
        });
    }

    public static Feature permanent(String code, String name, long cost) {
        return new Feature(code, name, cost, Optional.empty());
    }

    public static Feature timed(String code, String name, long cost, Duration duration) {
        return new Feature(code, name, cost, Optional.of(duration));
    }
}
