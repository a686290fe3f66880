package dev.payledger.core.common;

/** Makes new unique ids. Thread-safe. */
public interface Ids {
    /** A new id that starts with {@code prefix + "_"}, unique across instances, at most 40 characters. */
    String next(String prefix);
}
