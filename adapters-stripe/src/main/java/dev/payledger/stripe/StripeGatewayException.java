package dev.payledger.stripe;

import dev.payledger.core.payment.GatewayException;

import java.util.Optional;

/**
 * A Stripe API call failed. Retryable for connection errors, timeouts, 5xx, 409 and 429. The message carries
 * Stripe's error code and message (never a key). Immutable.
 */
public class StripeGatewayException extends GatewayException {
    private static final long serialVersionUID = 1L;
    private final Integer status;
    private final String code;

    public StripeGatewayException(String message, boolean retryable, Integer status, String code, Throwable cause) {
        super(Stripe.NAME, message, retryable, cause);
        this.status = status;
        this.code = code;
    }

    /** Stripe's HTTP status, empty when Stripe was not reached. */
    public Optional<Integer> status() {
        return Optional.ofNullable(status);
    }

    /** Stripe's error code ({@code resource_missing}, {@code amount_too_large}…), when it gave one. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }
}
