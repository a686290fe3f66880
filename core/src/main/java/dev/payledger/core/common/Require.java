package dev.payledger.core.common;

/** Argument checks used by the compact constructors of commands and values. */
public final class Require {

    private Require() {
    }

    /**
     * A non-blank identifier of safe characters, at most {@code maxLength} long: a letter or digit (ASCII), then
     * letters, digits and {@code _ . : @ | -}. Checked character by character: every id read from the database
     * passes here, and a regular expression cost a settlement batch's writer 4 % of its time.
     */
    public static String token(String value, String what, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(what + " is longer than " + maxLength + " characters");
        }
        if (!isToken(value)) {
            throw new IllegalArgumentException(what + " has characters that are not allowed");
        }
        return value;
    }

    private static boolean isToken(String value) {
        if (!isLetterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isLetterOrDigit(c) && c != '_' && c != '.' && c != ':' && c != '@' && c != '|' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
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
