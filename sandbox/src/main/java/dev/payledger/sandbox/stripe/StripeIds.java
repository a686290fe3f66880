package dev.payledger.sandbox.stripe;

import java.security.SecureRandom;

/** Random ids in Stripe's style ({@code cs_test_…}, {@code pi_…}, {@code evt_…}). Thread-safe. */
final class StripeIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private StripeIds() {
    }

    static String next(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
