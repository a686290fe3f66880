package dev.payledger.app.http;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    @Test
    void aKeyGetsItsLimitAMinuteThenA429WithRetryAfter() {
        RateLimiter limiter = new RateLimiter(3, clock);
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
    void bucketsOfKeysIdleForAMinuteAreDroppedAndALimitedKeyKeepsItsBucket() {
        RateLimiter limiter = new RateLimiter(1, clock);
        limiter.acquire("limited");
        for (int i = 1; i <= RateLimiter.SWEEP_EVERY - 3; i++) { // requests 2 … SWEEP_EVERY - 2
            limiter.acquire("buyer-" + i);
        }
        assertThat(limiter.size()).isEqualTo(RateLimiter.SWEEP_EVERY - 2);

        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThatThrownBy(() -> limiter.acquire("limited")).isInstanceOf(ApiException.class); // used now: kept
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        limiter.acquire("newcomer"); // request SWEEP_EVERY sweeps: everyone idle a minute or more goes

        assertThat(limiter.size()).isEqualTo(2); // "limited" (used 2 s ago) and the newcomer
        assertThatThrownBy(() -> limiter.acquire("newcomer")).isInstanceOf(ApiException.class);
    }
}
