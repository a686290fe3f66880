package dev.payledger.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long an emulator spent on each request, per route ({@code POST /v1/orders}), measured inside the server
 * from when the request reached the handler until its answer was written: the provider's own time, which a
 * caller can subtract from what it observed. Kept in fixed log-scale buckets (64 per power of two, so a
 * percentile is within 1.6 %, from 1 µs to about a minute), so memory does not grow with traffic.
 * Thread-safe; {@link #reset()} starts a new window.
 */
public final class ServiceTimes {
    private static final int SUB_BUCKETS = 64;
    private static final int POWERS = 27;
    private static final long UNIT_NANOS = 1_000;

    private final Map<String, AtomicLongArray> routes = new ConcurrentHashMap<>();

    void record(String route, long nanos) {
        routes.computeIfAbsent(route, r -> new AtomicLongArray(SUB_BUCKETS * POWERS)).incrementAndGet(bucket(nanos));
    }

    /** Forgets everything recorded so far. */
    public void reset() {
        routes.clear();
    }

    /** Requests recorded per route since the last {@link #reset()}, in route order. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        routes.forEach((route, buckets) -> counts.put(route, total(buckets)));
        return counts;
    }

    /**
     * The {@code p}-th percentile (0 &lt; p &lt;= 100) of the route's service time (the upper edge of its bucket);
     * {@link Duration#ZERO} when nothing was recorded for it.
     *
     * @param route as {@link #counts()} names it, such as {@code POST /v1/orders}
     */
    public Duration percentile(String route, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("p must be in (0, 100]: " + p);
        }
        AtomicLongArray buckets = routes.get(route);
        long total = buckets == null ? 0 : total(buckets);
        if (total == 0) {
            return Duration.ZERO;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return Duration.ofNanos(upperEdge(i));
            }
        }
        return Duration.ofNanos(upperEdge(buckets.length() - 1));
    }

    private static long total(AtomicLongArray buckets) {
        long total = 0;
        for (int i = 0; i < buckets.length(); i++) {
            total += buckets.get(i);
        }
        return total;
    }

    /** Bucket {@code power * 64 + sub}: values in [2^power, 2^(power+1)) µs (rounded up), split linearly into 64. */
    static int bucket(long nanos) {
        long units = Math.max(1, (nanos + UNIT_NANOS - 1) / UNIT_NANOS);
        int power = 63 - Long.numberOfLeadingZeros(units);
        if (power >= POWERS) {
            return SUB_BUCKETS * POWERS - 1;
        }
        int sub = (int) (((units - (1L << power)) * SUB_BUCKETS) >> power);
        return power * SUB_BUCKETS + sub;
    }

    static long upperEdge(int bucket) {
        int power = bucket / SUB_BUCKETS;
        int sub = bucket % SUB_BUCKETS;
        long low = 1L << power;
        return (low + ((sub + 1) * low + SUB_BUCKETS - 1) / SUB_BUCKETS) * UNIT_NANOS;
    }
}
