package dev.payledger.reliability.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The bounded fuzzing run of CI: Jazzer fuzzes one {@code @FuzzTest} per JVM, so this one spreads its inputs
 * over every target (the last input byte chooses Razorpay, Stripe, Coinbase or the service's request parsing)
 * and the surefire execution {@code fuzz} runs it with {@code JAZZER_FUZZ=1}. The per-provider classes are the
 * targets of the long run (docs/operations.md) and replay their stored inputs in the default execution.
 */
class EveryParserFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void noParserLetsAnExceptionEscapeButItsTypedRejection(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 3)) {
            case 0:
                RazorpayWebhookFuzzTest.target(data);
                break;
            case 1:
                StripeWebhookFuzzTest.target(data);
                break;
            case 2:
                CoinbaseWebhookFuzzTest.target(data);
                break;
            default:
                RequestJsonFuzzTest.target(data);
        }
    }
}
