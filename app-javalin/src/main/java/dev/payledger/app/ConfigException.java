package dev.payledger.app;

/**
 * The service cannot start with this configuration. The message names the variable to fix and never holds a
 * secret value.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
