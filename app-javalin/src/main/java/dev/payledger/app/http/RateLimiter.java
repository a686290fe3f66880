package dev.payledger.app.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A per-key token bucket: {@code perMinute} requests a minute, refilled gradually, bursts up to {@code perMinute}.
 * It is kept the way the generic cell rate algorithm (GCRA) keeps it, as one number per key: the time at which
 * the key's bucket is full again. A request at {@code now} is admitted while that time is at most
 * {@code perMinute - 1} intervals ({@code 1 min / perMinute}) ahead of now, and pushes it one interval further; a
 * refused request changes nothing. A key whose time has passed has a full bucket, which is what an unknown key
 * has, so such keys are dropped (checked every {@value #SWEEP_EVERY} requests): a buyer with one checkout is
 * held for one interval. In memory, so per instance. Thread-safe without locks; a request racing the sweep of
 * its own key may start from a full bucket, one request of leniency at most.
 *
 * <p>Each key costs a map node and an {@link AtomicLong}. Under a stream of new buyers every key lives a while,
 * so what a key holds is copied by each young collection it survives: a bucket object per key (bucket4j's was
 * ~15 small objects) was the largest part of the service's survivors under load (performance.md, session 10).
 */
public final class RateLimiter {
    static final int SWEEP_EVERY = 1024;
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final long intervalNanos;
    private final long burstNanos;
    private final LongSupplier nanoTime;
    private final Map<String, AtomicLong> fullAgainAt = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    public RateLimiter(int perMinute) {
        this(perMinute, System::nanoTime);
    }

    /** With the clock it reads ({@link System#nanoTime()} semantics: compared by difference only). */
    RateLimiter(int perMinute, LongSupplier nanoTime) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1");
        }
        this.intervalNanos = (MINUTE_NANOS + perMinute - 1) / perMinute; // rounded up: never more than perMinute
        this.burstNanos = intervalNanos * (perMinute - 1);
        this.nanoTime = nanoTime;
    }

    /** Takes one request for {@code key}, or throws 429 with {@code Retry-After} in seconds. */
    public void acquire(String key) {
        long now = nanoTime.getAsLong();
        if (requests.incrementAndGet() % SWEEP_EVERY == 0) {
            fullAgainAt.values().removeIf(at -> at.get() - now <= 0);
        }
        AtomicLong at = fullAgainAt.computeIfAbsent(key, k -> new AtomicLong(now));
        while (true) {
            long current = at.get();
            long ahead = Math.max(current - now, 0); // how long until this key's bucket is full again
            if (ahead > burstNanos) {
                long seconds = Math.max(1, (ahead - burstNanos + 999_999_999L) / 1_000_000_000L);
                throw new ApiException(429, "rate_limited", "Too many checkouts; try again in " + seconds + " s",
                        Map.of("Retry-After", Long.toString(seconds)));
            }
            if (at.compareAndSet(current, now + ahead + intervalNanos)) {
                return;
            }
        }
    }

    /** How many keys are held now. */
    int size() {
        return fullAgainAt.size();
    }
}
