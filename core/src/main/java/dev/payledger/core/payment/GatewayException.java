package dev.payledger.core.payment;

/**
 * A provider call failed: unreachable, timed out, 5xx, or an error answer. Each adapter's base exception
 * extends this. The message is safe to show a user (no secrets, no raw provider payloads).
 */
public class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String provider;
    private final boolean retryable;

    public GatewayException(String provider, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.provider = provider;
        this.retryable = retryable;
    }

    public GatewayException(String provider, String message, boolean retryable) {
        this(provider, message, retryable, null);
    }

    public String provider() {
        return provider;
    }

    /** True for transport errors, timeouts, 5xx and rate limits: the same call may succeed later. */
    public boolean retryable() {
        return retryable;
    }
}
