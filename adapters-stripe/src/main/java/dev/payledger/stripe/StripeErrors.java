package dev.payledger.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;

/** Turns stripe-java's checked exceptions into {@link StripeGatewayException}s. Stateless. */
final class StripeErrors {
    private StripeErrors() {
    }

    static StripeGatewayException translate(String action, StripeException e) {
        Integer status = e.getStatusCode();
        String code = e.getCode();
        if (e instanceof ApiConnectionException) {
            return new StripeGatewayException("Stripe could not be reached to " + action, true, null, null, e);
        }
        if (e instanceof AuthenticationException || e instanceof PermissionException) {
            return new StripeGatewayException("Stripe refused our API key while trying to " + action
                    + " (check the configured secret key)", false, status, code, e);
        }
        boolean retryable = e instanceof RateLimitException || status == null || status == 409 || status == 429
                || status >= 500;
        String detail = stripeMessage(e);
        return new StripeGatewayException("Stripe could not " + action + (status == null ? "" : " (HTTP " + status + ")")
                + (code == null ? "" : " [" + code + "]") + (detail.isEmpty() ? "" : ": " + detail), retryable, status,
                code, e);
    }

    /** Stripe's own human message, without the request id stripe-java appends. */
    static String stripeMessage(StripeException e) {
        if (e.getStripeError() != null && e.getStripeError().getMessage() != null) {
            return e.getStripeError().getMessage();
        }
        return "";
    }
}
