package dev.payledger.coinbase;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoinbaseErrorsTest {
    @Test
    void readsTheBusinessErrorShapeWithItsCorrelationId() {
        CoinbaseException e = CoinbaseErrors.from(404, "{\"errorType\":\"not_found\",\"errorMessage\":\"Checkout not found\","
                + "\"correlationId\":\"c-1\"}", "GET", "/api/v1/checkouts/x");

        assertThat(e.errorType()).contains("not_found");
        assertThat(e.correlationId()).contains("c-1");
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("404").contains("not_found").contains("Checkout not found");
    }

    @Test
    void readsTheRateLimitPagesErrorsArrayAsRetryable() {
        CoinbaseException e = CoinbaseErrors.from(429, "{\"errors\":[{\"id\":\"rate_limit_exceeded\",\"message\":\"Too many\"}]}",
                "POST", "/api/v1/checkouts");

        assertThat(e.errorType()).contains("rate_limit_exceeded");
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void readsCommerceErrorsAndAnswersThatAreNotJson() {
        CoinbaseException commerce = CoinbaseErrors.from(400, "{\"error\":{\"type\":\"invalid_request\",\"message\":\"bad\"}}",
                "POST", "/charges");
        CoinbaseException html = CoinbaseErrors.from(502, "<html>Bad gateway</html>", "GET", "/charges/X");

        assertThat(commerce.errorType()).contains("invalid_request");
        assertThat(html.errorType()).isEmpty();
        assertThat(html.retryable()).isTrue();
        assertThat(html.getMessage()).doesNotContain("<html>");
    }
}
