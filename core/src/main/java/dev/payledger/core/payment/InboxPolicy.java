package dev.payledger.core.payment;

import java.time.Duration;
import java.util.Optional;

/**
 * How the inbox retries an event whose processing failed: after {@code firstRetry}, doubling up to
 * {@code maxDelay}, {@code maxAttempts} attempts in all, then FAILED for an operator. A worker's claim lasts
 * {@code lease}; an event whose worker died is picked up again after it.
 */
public record InboxPolicy(Duration firstRetry, Duration maxDelay, int maxAttempts, Duration lease) {
    public InboxPolicy {
        if (firstRetry.isNegative() || maxDelay.compareTo(firstRetry) < 0 || maxAttempts < 1 || lease.isNegative()) {
            throw new IllegalArgumentException("Inconsistent inbox policy");
        }
    }

    public static InboxPolicy defaults() {
        return new InboxPolicy(Duration.ofSeconds(10), Duration.ofHours(1), 10, Duration.ofMinutes(2));
    }

    /** The delay before the next attempt after {@code attempts} failed ones, or empty when it is time to give up. */
    public Optional<Duration> retryDelay(int attempts) {
        if (attempts >= maxAttempts) {
            return Optional.empty();
        }
        Duration delay = firstRetry.multipliedBy(1L << Math.min(attempts - 1, 30));
        return Optional.of(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
    }
}
