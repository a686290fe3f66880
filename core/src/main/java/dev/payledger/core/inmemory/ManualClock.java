package dev.payledger.core.inmemory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when told to, for tests. Instants are kept to the microsecond, as PostgreSQL stores
 * them, so a value read back from any persistence equals the one written. Thread-safe.
 */
public final class ManualClock extends Clock {
    private volatile Instant now;

    public ManualClock(Instant start) {
        this.now = start.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    public static ManualClock at(String instant) {
        return new ManualClock(Instant.parse(instant));
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    public void set(Instant instant) {
        now = instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
