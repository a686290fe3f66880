package dev.payledger.razorpay;

import com.razorpay.Utils;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The vectors R1–R4 from the provider reference, checked against our signatures and razorpay-java's Utils. */
class SignatureVectorsTest {

    @Test
    void r1PaymentSignatureMatchesTheVectorAndTheSdk() throws Exception {
        assertPaymentVector("EnLs21M47BllR3X8PSFtjtbd", "order_IEIaMR65cu6nz3", "pay_IH4NVgf4Dreq1l",
                "0d4e745a1838664ad6c9c9902212a32d627d68e917290b0ad5f08ff4561bc50f");
    }

    @Test
    void r3PaymentSignatureMatchesTheVectorAndTheSdk() throws Exception {
        assertPaymentVector("rzp_test_secret", "order_Test123", "pay_Test456",
                "d057de840814ef3562013cc3d4cfdbe2b4ed97a424dd8d040608362ad66f682a");
    }

    @Test
    void r2WebhookSignatureMatchesTheVectorAndTheSdk() throws Exception {
        assertWebhookVector("123456", "{\"a\":1,\"b\":2,\"c\":{\"d\":3}}",
                "2fe04e22977002e6c7cb553adab8b460cb9e2a4970d5953cb27a8472752e3bbc");
    }

    @Test
    void r4WebhookSignatureOverThePaymentCapturedBodyMatchesTheVectorAndTheSdk() throws Exception {
        assertWebhookVector("whsec_rzp_test_123", paymentCapturedBody(),
                "5234fce6c9c7b7dc1deaa96a2a00390bcf5b08750ac371d24d08464fee7c7116");
    }

    static String paymentCapturedBody() throws IOException {
        try (InputStream in = SignatureVectorsTest.class.getResourceAsStream("razorpay-payment-captured.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertPaymentVector(String secret, String orderId, String paymentId, String expected) throws Exception {
        String ours = Signatures.payment(orderId, paymentId, secret);
        JSONObject callback = new JSONObject().put("razorpay_order_id", orderId).put("razorpay_payment_id", paymentId)
                .put("razorpay_signature", ours);

        assertThat(ours).isEqualTo(expected);
        assertThat(Utils.verifyPaymentSignature(callback, secret)).isTrue();
        assertThat(Signatures.matches(expected, ours)).isTrue();
    }

    private static void assertWebhookVector(String secret, String body, String expected) throws Exception {
        String ours = Signatures.webhook(body.getBytes(StandardCharsets.UTF_8), secret);

        assertThat(ours).isEqualTo(expected);
        assertThat(Utils.getHash(body, secret)).isEqualTo(expected);
        assertThat(Utils.verifyWebhookSignature(body, ours, secret)).isTrue();
    }
}
