package dev.payledger.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The raw {@code PAYLEDGER_*} settings: the optional properties file named by {@code PAYLEDGER_CONFIG} (same
 * keys as the variables), overlaid by the environment. Typed getters fail with a {@link ConfigException} that
 * names the variable, never its value when it is a secret. Immutable.
 */
public final class Settings {
    public static final String CONFIG_FILE = "PAYLEDGER_CONFIG";

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    /** The file named by {@code PAYLEDGER_CONFIG} in {@code environment} (if any), overlaid by {@code environment}. */
    public static Settings load(Map<String, String> environment) {
        Map<String, String> merged = new TreeMap<>();
        String file = environment.get(CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(file.trim()), StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new ConfigException(CONFIG_FILE + " names " + file + ", which cannot be read: " + e.getMessage());
            }
            properties.stringPropertyNames().forEach(key -> merged.put(key.trim(), properties.getProperty(key).trim()));
        }
        environment.forEach((key, value) -> {
            if (key.startsWith("PAYLEDGER_")) {
                merged.put(key, value.trim());
            }
        });
        merged.values().removeIf(String::isEmpty);
        return new Settings(merged);
    }

    public static Settings of(Map<String, String> values) {
        return load(values);
    }

    public Optional<String> text(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String text(String key, String fallback) {
        return text(key).orElse(fallback);
    }

    public Optional<Secret> secret(String key) {
        return text(key).map(Secret::new);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Optional<Boolean> flag(String key) {
        return text(key).map(value -> {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "true": case "yes": case "on": case "1":
                    return true;
                case "false": case "no": case "off": case "0":
                    return false;
                default:
                    throw new ConfigException(key + " must be true or false, got " + value);
            }
        });
    }

    public long number(String key, long fallback, long min, long max) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.get());
            if (value < min || value > max) {
                throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, got " + text.get());
        }
    }

    /** {@code 30s}, {@code 5m}, {@code 2h}, {@code 500ms} or ISO-8601 ({@code PT1M}). */
    public Duration duration(String key, Duration fallback) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return fallback;
        }
        String value = text.get().toLowerCase(Locale.ROOT);
        try {
            Duration parsed;
            if (value.startsWith("pt") || value.startsWith("p")) {
                parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
            } else if (value.endsWith("ms")) {
                parsed = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            } else if (value.endsWith("s")) {
                parsed = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            } else if (value.endsWith("m")) {
                parsed = Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            } else if (value.endsWith("h")) {
                parsed = Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
            } else {
                parsed = Duration.ofSeconds(Long.parseLong(value));
            }
            if (parsed.isNegative() || parsed.isZero()) {
                throw new ConfigException(key + " must be positive, got " + text.get());
            }
            return parsed;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ConfigException(key + " must be a duration such as 30s, 5m or PT1M, got " + text.get());
        }
    }
}
