package dev.payledger.sandbox.stripe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StripeSignatureTest {
    private static final String SECRET = "whsec_test_secret";
    /** {@code reference/stripe-checkout-completed.json}, byte for byte. */
    static final String S2_BODY = "{\"id\":\"evt_1TEST\",\"object\":\"event\",\"api_version\":\"2026-08-26.dahlia\",\"created\":1700000000,\"type\":\"checkout.session.completed\",\"data\":{\"object\":{\"id\":\"cs_test_123\",\"object\":\"checkout.session\",\"mode\":\"payment\",\"status\":\"complete\",\"payment_status\":\"paid\",\"client_reference_id\":\"ORD-42\",\"metadata\":{\"order_id\":\"ORD-42\"},\"amount_total\":2000,\"currency\":\"usd\",\"payment_intent\":\"pi_123\"}}}";

    @Test
    void signsVectorS1() {
        String body = "{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\"\n}";

        assertThat(StripeSignature.header(SECRET, 1700000000L, body))
                .isEqualTo("t=1700000000,v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150");
    }

    @Test
    void signsVectorS2() {
        String body = S2_BODY;

        assertThat(StripeSignature.v1(SECRET, 1700000000L, body))
                .isEqualTo("94f708c249f0f50611bdbfd29ea13eab42792ff8f2c032cc66c3218fdda6d73c");
    }
}
