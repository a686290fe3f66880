package dev.payledger.app;

import java.util.Objects;

/** A configured secret: {@link #toString()} never shows it, so it cannot leak through a log line or a record. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "****";
    }
}
