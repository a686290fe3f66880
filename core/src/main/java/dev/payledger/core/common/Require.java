package dev.payledger.core.common;

import java.util.regex.Pattern;

/** Argument checks used by the compact constructors of commands and values. */
public final class Require {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@|-]*");

    private Require() {
    }

    /** A non-blank identifier of safe characters, at most {@code maxLength} long. */
    public static String token(String value, String what, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(what + " is longer than " + maxLength + " characters");
        }
        if (!TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " has characters that are not allowed");
        }
        return value;
    }

    public static String text(String value, String what, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(what + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    public static long positive(long value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        return value;
    }

    public static <T> T nonNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }
}
