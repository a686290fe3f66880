package dev.payledger.reliability.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.payledger.core.payment.ProviderEventVerifier;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;
import dev.payledger.razorpay.RazorpayWebhookVerifier;
import dev.payledger.reliability.support.Sign;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Razorpay's verifier and event reader under arbitrary input. Flags come from the end of the input and the body
 * is the rest, so a real webhook body is a useful seed. Signed bodies get past the HMAC and exercise the reader.
 */
class RazorpayWebhookFuzzTest {
    private static final String SECRET = "whsec_rzp_fuzz";
    private static final ProviderEventVerifier VERIFIER = new RazorpayWebhookVerifier(SECRET);

    @FuzzTest(maxDuration = "30m")
    void anyWebhookIsVerifiedOrRejectedNeverThrows(FuzzedDataProvider data) {
        target(data);
    }

    static void target(FuzzedDataProvider data) {
        boolean signIt = data.consumeBoolean();
        String forgedSignature = data.consumeString(80);
        String eventId = data.consumeString(40);
        byte[] body = data.consumeRemainingAsBytes();
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Razorpay-Signature", signIt ? Sign.razorpay(SECRET, body) : forgedSignature);
        headers.put("X-Razorpay-Event-Id", eventId);
        Verification verification = VERIFIER.verify(new WebhookRequest(headers, body, Instant.now()));
        FuzzChecks.verifiedOrTypedRejection(verification, signIt);
        if (!signIt && !forgedSignature.strip().equals(Sign.razorpay(SECRET, body))) {
            assertThat(verification).isInstanceOf(Verification.Rejected.class);
        }
        FuzzChecks.readThrowsOnlyIllegalArgument(VERIFIER, eventId.isBlank() ? "evt" : eventId, body);
    }
}
