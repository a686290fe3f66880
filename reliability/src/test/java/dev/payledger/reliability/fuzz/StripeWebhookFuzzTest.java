package dev.payledger.reliability.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.payledger.core.payment.ProviderEventVerifier;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;
import dev.payledger.reliability.support.Sign;
import dev.payledger.stripe.StripeWebhookVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe's verifier (stripe-java's {@code Webhook.constructEvent} plus our future-timestamp check) and event reader
 * under arbitrary bodies, timestamps and {@code Stripe-Signature} headers.
 */
class StripeWebhookFuzzTest {
    private static final String SECRET = "whsec_fuzz_stripe";
    private static final ProviderEventVerifier VERIFIER = new StripeWebhookVerifier(SECRET, Duration.ofMinutes(5));
    private static final long NOW = 1_763_700_000L;

    @FuzzTest(maxDuration = "30m")
    void anyWebhookIsVerifiedOrRejectedNeverThrows(FuzzedDataProvider data) {
        target(data);
    }

    static void target(FuzzedDataProvider data) {
        int mode = data.consumeInt(0, 2);
        long skew = data.consumeLong(-100_000, 100_000);
        String header = data.consumeString(160);
        byte[] body = data.consumeRemainingAsBytes();
        String signature = mode == 0 ? header : mode == 1 ? Sign.stripe(SECRET, NOW + skew, body)
                : Sign.stripe(SECRET, NOW + skew, body) + "," + header;
        Verification verification = VERIFIER.verify(new WebhookRequest(Map.of("Stripe-Signature", signature), body,
                Instant.ofEpochSecond(NOW)));
        FuzzChecks.verifiedOrTypedRejection(verification, false);
        if (Math.abs(skew) > 300 && mode != 0) {
            assertThat(verification).isInstanceOf(Verification.Rejected.class);
        }
        FuzzChecks.readThrowsOnlyIllegalArgument(VERIFIER, "evt_fuzz", body);
    }
}
