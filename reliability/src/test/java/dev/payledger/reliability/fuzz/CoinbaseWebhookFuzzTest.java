package dev.payledger.reliability.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.payledger.coinbase.CoinbaseWebhookVerifier;
import dev.payledger.coinbase.CommerceWebhookVerifier;
import dev.payledger.core.payment.ProviderEventVerifier;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;
import dev.payledger.reliability.support.Sign;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Coinbase's two verifiers and readers under arbitrary input: Business payment links ({@code X-Hook0-Signature},
 * {@code X-Event-Id}, {@code X-Event-Type}) and legacy Commerce charges ({@code X-CC-Webhook-Signature}). One fuzz
 * test drives both, the first byte choosing which, so the CI run fuzzes each.
 */
class CoinbaseWebhookFuzzTest {
    private static final String SECRET = "whsec_fuzz_coinbase";
    private static final ProviderEventVerifier BUSINESS = new CoinbaseWebhookVerifier(SECRET);
    private static final ProviderEventVerifier COMMERCE = new CommerceWebhookVerifier(SECRET);
    private static final long NOW = 1_763_700_000L;

    @FuzzTest(maxDuration = "30m")
    void anyWebhookIsVerifiedOrRejectedNeverThrows(FuzzedDataProvider data) {
        target(data);
    }

    static void target(FuzzedDataProvider data) {
        boolean commerce = data.consumeBoolean();
        boolean signIt = data.consumeBoolean();
        long skew = data.consumeLong(-1_000, 1_000);
        String header = data.consumeString(160);
        String eventId = data.consumeString(40);
        String eventType = data.consumeString(40);
        byte[] body = data.consumeRemainingAsBytes();
        Map<String, String> headers = new HashMap<>();
        Verification verification;
        if (commerce) {
            headers.put("X-CC-Webhook-Signature", signIt ? Sign.commerce(SECRET, body) : header);
            verification = COMMERCE.verify(new WebhookRequest(headers, body, Instant.ofEpochSecond(NOW)));
            FuzzChecks.verifiedOrTypedRejection(verification, signIt);
            FuzzChecks.readThrowsOnlyIllegalArgument(COMMERCE, "evt", body);
        } else {
            headers.put("X-Hook0-Signature", signIt ? Sign.hook0(SECRET, NOW + skew, body) : header);
            headers.put("X-Event-Id", eventId);
            headers.put("X-Event-Type", eventType);
            verification = BUSINESS.verify(new WebhookRequest(headers, body, Instant.ofEpochSecond(NOW)));
            FuzzChecks.verifiedOrTypedRejection(verification, signIt && Math.abs(skew) <= 300);
            FuzzChecks.readThrowsOnlyIllegalArgument(BUSINESS, eventId.isBlank() ? "evt" : eventId, body);
        }
    }
}
