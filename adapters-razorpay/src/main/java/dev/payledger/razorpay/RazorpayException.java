package dev.payledger.razorpay;

import dev.payledger.core.payment.GatewayException;

/**
 * A Razorpay call failed: not reached, too slow, or answered with an error. {@link #retryable()} is true for
 * transport errors, timeouts, 5xx, 409 (a request still in flight) and 429. The message carries Razorpay's
 * description, never a secret.
 */
public class RazorpayException extends GatewayException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;
    private final String code;
    private final String field;

    public RazorpayException(String message, int httpStatus, String code, String field, boolean retryable,
                             Throwable cause) {
        super(Razorpay.PROVIDER, message, retryable, cause);
        this.httpStatus = httpStatus;
        this.code = code;
        this.field = field;
    }

    /** Not reached or no answer in time: always retryable. */
    static RazorpayException transport(String message, Throwable cause) {
        return new RazorpayException(message, -1, null, null, true, cause);
    }

    /** The HTTP status Razorpay answered, or -1 when it was not reached. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Razorpay's {@code error.code} ({@code BAD_REQUEST_ERROR}, {@code SERVER_ERROR}…), or null. */
    public String code() {
        return code;
    }

    /** Razorpay's {@code error.field}: the request field it refused, or null. */
    public String field() {
        return field;
    }
}
