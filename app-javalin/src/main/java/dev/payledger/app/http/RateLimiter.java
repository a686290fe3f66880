package dev.payledger.app.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A per-key token bucket (bucket4j): {@code perMinute} requests a minute, refilled gradually. In memory, so
 * per instance. Thread-safe.
 */
public final class RateLimiter {
    private final int perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Takes one request for {@code key}, or throws 429 with {@code Retry-After} in seconds. */
    public void acquire(String key) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(Bandwidth.builder()
                .capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new ApiException(429, "rate_limited", "Too many checkouts; try again in " + seconds + " s",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
    }
}
