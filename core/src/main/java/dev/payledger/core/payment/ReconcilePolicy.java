package dev.payledger.core.payment;

import java.time.Duration;
import java.util.List;

/**
 * When the reconciler asks a provider about a payment still open: first after {@code checkAfter.get(0)} of
 * silence, then after each next interval (the last one repeats), and it gives up after {@code expireAfter},
 * closing the attempt at the provider and marking it expired.
 */
public record ReconcilePolicy(List<Duration> checkAfter, Duration expireAfter) {
    public ReconcilePolicy {
        checkAfter = List.copyOf(checkAfter);
        if (checkAfter.isEmpty() || checkAfter.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("checkAfter needs positive intervals");
        }
        if (expireAfter.compareTo(checkAfter.get(0)) <= 0) {
            throw new IllegalArgumentException("expireAfter must be longer than the first check");
        }
    }

    /** Cards and UPI: after 5 minutes, then an hour, then daily; give up after 3 days. */
    public static ReconcilePolicy cards() {
        return new ReconcilePolicy(List.of(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(1)),
                Duration.ofDays(3));
    }

    /** Crypto: confirmations take 10–30 minutes, so wait 30 minutes, then 2 hours, then daily; 7 days. */
    public static ReconcilePolicy crypto() {
        return new ReconcilePolicy(List.of(Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofDays(1)),
                Duration.ofDays(7));
    }

    /** The first interval: a payment untouched for less than this is not asked about. */
    public Duration firstCheck() {
        return checkAfter.get(0);
    }
}
