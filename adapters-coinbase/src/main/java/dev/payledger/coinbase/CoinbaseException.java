package dev.payledger.coinbase;

import dev.payledger.core.payment.GatewayException;

import java.util.Optional;

/**
 * A Coinbase API call failed: unreachable, timed out, rate limited past the retries, or answered with an error
 * in one of Coinbase's shapes ({@code {"errorType","errorMessage","correlationId"}}, {@code {"errors":[…]}}, or
 * Commerce's {@code {"error":{"type","message"}}}). The message never holds a secret or a raw payload.
 */
public final class CoinbaseException extends GatewayException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String errorType;
    private final String correlationId;

    CoinbaseException(String message, boolean retryable, int status, String errorType, String correlationId,
                      Throwable cause) {
        super(Coinbase.PROVIDER, message, retryable, cause);
        this.status = status;
        this.errorType = errorType;
        this.correlationId = correlationId;
    }

    static CoinbaseException of(String message, boolean retryable) {
        return new CoinbaseException(message, retryable, -1, null, null, null);
    }

    /** The HTTP status Coinbase answered, or -1 when it was not reached. */
    public int status() {
        return status;
    }

    /** Coinbase's error type ({@code invalid_request}, {@code not_found}, {@code rate_limit_exceeded}…), if given. */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    /** Coinbase's correlation id for support requests, if given. */
    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }
}
