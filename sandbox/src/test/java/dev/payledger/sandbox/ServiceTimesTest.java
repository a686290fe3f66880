package dev.payledger.sandbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ServiceTimesTest {
    @Test
    void percentilesAreWithinTwoPercentOfTheRecordedTimes() {
        ServiceTimes times = new ServiceTimes();
        for (int i = 1; i <= 1000; i++) {
            times.record("POST /v1/orders", i * 10_000L);
        }

        assertThat(times.percentile("POST /v1/orders", 50).toNanos()).isCloseTo(5_000_000L, within(100_000L));
        assertThat(times.percentile("POST /v1/orders", 99).toNanos()).isCloseTo(9_900_000L, within(200_000L));
        assertThat(times.percentile("POST /v1/orders", 100).toNanos()).isCloseTo(10_000_000L, within(200_000L));
        assertThat(times.counts()).containsExactly(java.util.Map.entry("POST /v1/orders", 1000L));
    }

    @Test
    void aPercentileIsNeverBelowTheTimeItStandsFor() {
        ServiceTimes times = new ServiceTimes();
        long[] samples = {1, 999, 1_000, 1_001, 37_123, 2_500_000, 61_000_000_000L};
        for (long nanos : samples) {
            times.record("r", nanos);
        }

        assertThat(times.percentile("r", 100)).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(times.percentile("r", 50).toNanos()).isGreaterThanOrEqualTo(1_001);
    }

    @Test
    void anUnknownRouteHasNoTimeAndABadPercentileIsRefused() {
        ServiceTimes times = new ServiceTimes();

        assertThat(times.percentile("GET /nothing", 99)).isZero();
        assertThatThrownBy(() -> times.percentile("GET /nothing", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
