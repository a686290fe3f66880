package dev.payledger.razorpay;

import com.razorpay.Utils;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.json.JSONObject;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * razorpay-java's Utils, the oracle, agrees with our signatures on random inputs. Utils hashes with the platform
 * charset, so Surefire runs with {@code -Dfile.encoding=UTF-8}; we always pass UTF-8 ourselves.
 */
class SignatureOracleProperties {

    @Property(tries = 300)
    void webhookSignaturesAgreeWithTheSdk(@ForAll @StringLength(min = 1, max = 40) String secret,
                                          @ForAll @StringLength(max = 500) String body) throws Exception {
        String ours = Signatures.webhook(body.getBytes(StandardCharsets.UTF_8), secret);

        assertThat(ours).isEqualTo(Utils.getHash(body, secret));
        assertThat(Utils.verifyWebhookSignature(body, ours, secret)).isTrue();
    }

    @Property(tries = 300)
    void paymentSignaturesAgreeWithTheSdk(@ForAll @StringLength(min = 1, max = 40) String secret,
                                          @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 20) String order,
                                          @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 20) String payment)
            throws Exception {
        String orderId = "order_" + order;
        String paymentId = "pay_" + payment;
        String ours = Signatures.payment(orderId, paymentId, secret);
        JSONObject callback = new JSONObject().put("razorpay_order_id", orderId).put("razorpay_payment_id", paymentId)
                .put("razorpay_signature", ours);

        assertThat(Utils.verifyPaymentSignature(callback, secret)).isTrue();
        assertThat(ours).isEqualTo(Utils.getHash(orderId + "|" + paymentId, secret));
    }

    @Property(tries = 200)
    void aSignatureForAnotherBodyNeverMatches(@ForAll @StringLength(min = 1, max = 40) String secret,
                                              @ForAll @StringLength(max = 200) String body,
                                              @ForAll @StringLength(max = 200) String other) {
        String signature = Signatures.webhook(body.getBytes(StandardCharsets.UTF_8), secret);
        boolean matches = Signatures.matches(Signatures.webhook(other.getBytes(StandardCharsets.UTF_8), secret), signature);

        assertThat(matches).isEqualTo(body.equals(other));
    }
}
