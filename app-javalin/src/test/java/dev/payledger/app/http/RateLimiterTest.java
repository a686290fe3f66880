package dev.payledger.app.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void aKeyGetsItsLimitAMinuteThenA429WithRetryAfter() {
        RateLimiter limiter = new RateLimiter(3, nanos::get);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("alice");
        }
        assertThatThrownBy(() -> limiter.acquire("alice")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.headers()).containsEntry("Retry-After", "20");
        });
        limiter.acquire("bob"); // someone else's bucket is untouched
    }

    @Test
    void theBucketRefillsGraduallyAndARefusedRequestTakesNothing() {
        RateLimiter limiter = new RateLimiter(3, nanos::get);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("alice");
        }
        nanos.addAndGet(Duration.ofSeconds(15).toNanos());
        assertThatThrownBy(() -> limiter.acquire("alice")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.headers()).containsEntry("Retry-After", "5"));
        nanos.addAndGet(Duration.ofSeconds(5).toNanos()); // 20 s: one token back, the refusal cost nothing
        limiter.acquire("alice");
        assertThatThrownBy(() -> limiter.acquire("alice")).isInstanceOf(ApiException.class);

        nanos.addAndGet(Duration.ofMinutes(5).toNanos()); // a long pause refills to the burst, not beyond
        for (int i = 0; i < 3; i++) {
            limiter.acquire("alice");
        }
        assertThatThrownBy(() -> limiter.acquire("alice")).isInstanceOf(ApiException.class);
    }

    @Test
    void keysWhoseBucketIsFullAgainAreDroppedAndALimitedKeyIsKept() {
        RateLimiter limiter = new RateLimiter(2, nanos::get); // one token back every 30 s
        limiter.acquire("limited");
        limiter.acquire("limited"); // full again in 60 s
        for (int i = 1; i <= RateLimiter.SWEEP_EVERY - 3; i++) { // requests 3 … SWEEP_EVERY - 1: full again in 30 s
            limiter.acquire("buyer-" + i);
        }
        assertThat(limiter.size()).isEqualTo(RateLimiter.SWEEP_EVERY - 2);

        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        limiter.acquire("newcomer"); // request SWEEP_EVERY sweeps: every key whose bucket is full again goes

        assertThat(limiter.size()).isEqualTo(2); // "limited" (full again only in 29 s) and the newcomer
        limiter.acquire("limited"); // the token that came back at 30 s
        assertThatThrownBy(() -> limiter.acquire("limited")).isInstanceOf(ApiException.class);
    }

    @Test
    void concurrentRequestsOfOneKeyAreAdmittedExactlyUpToItsLimit() throws Exception {
        RateLimiter limiter = new RateLimiter(100, nanos::get); // the clock stands still: nothing refills
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                callers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 50; i++) {
                        try {
                            limiter.acquire("hot");
                            admitted.incrementAndGet();
                        } catch (ApiException e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> caller : callers) {
                caller.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(admitted).hasValue(100);
        assertThat(refused).hasValue(300);
    }
}
