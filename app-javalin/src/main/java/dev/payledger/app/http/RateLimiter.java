package dev.payledger.app.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A per-key token bucket (bucket4j): {@code perMinute} requests a minute, refilled gradually. In memory, so
 * per instance. A key unused for a minute has its bucket full again, which is what a new bucket is, so such
 * buckets are dropped (checked every {@value #SWEEP_EVERY} requests): the map holds the keys of the last minute,
 * not every buyer since start. Thread-safe; a request racing the sweep of its own key may get a fresh bucket,
 * one request of leniency at most.
 */
public final class RateLimiter {
    static final int SWEEP_EVERY = 1024;
    private static final long IDLE_NANOS = Duration.ofMinutes(1).toNanos();

    private final int perMinute;
    private final TimeMeter time;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    public RateLimiter(int perMinute) {
        this(perMinute, TimeMeter.SYSTEM_NANOTIME);
    }

    RateLimiter(int perMinute, TimeMeter time) {
        this.perMinute = perMinute;
        this.time = time;
    }

    private record Entry(Bucket bucket, AtomicLong lastUsed) {
    }

    /** Takes one request for {@code key}, or throws 429 with {@code Retry-After} in seconds. */
    public void acquire(String key) {
        long now = time.currentTimeNanos();
        if (requests.incrementAndGet() % SWEEP_EVERY == 0) {
            buckets.values().removeIf(entry -> now - entry.lastUsed().get() >= IDLE_NANOS);
        }
        Entry entry = buckets.computeIfAbsent(key, k -> new Entry(Bucket.builder().withCustomTimePrecision(time)
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build(), new AtomicLong(now)));
        entry.lastUsed().set(now);
        ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new ApiException(429, "rate_limited", "Too many checkouts; try again in " + seconds + " s",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    /** How many keys have a bucket now. */
    int size() {
        return buckets.size();
    }
}
