package dev.payledger.core.common;

import java.security.SecureRandom;

/**
 * Ids of a prefix, 12 hex digits of milliseconds (so ids sort roughly by time) and 64 random bits:
 * {@code pay_018c3b2a9f109f2c4e7a1b3d5f60}, 32 characters for a 3-letter prefix, within Razorpay's
 * 40-character receipt limit.
 */
public final class RandomIds implements Ids {
    private final SecureRandom random = new SecureRandom();

    @Override
    public String next(String prefix) {
        Require.token(prefix, "id prefix", 8);
        return String.format("%s_%012x%016x", prefix, System.currentTimeMillis() & 0xFFFF_FFFF_FFFFL, random.nextLong());
    }
}
