package dev.payledger.razorpay;

import dev.payledger.core.money.Money;
import dev.payledger.core.payment.EventFact;
import dev.payledger.core.payment.PaymentId;
import dev.payledger.core.payment.ProviderEvent;
import dev.payledger.core.payment.RefundId;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class RazorpayWebhookVerifierTest {
    private static final String SECRET = "whsec_rzp_test_123";
    private final RazorpayWebhookVerifier verifier = new RazorpayWebhookVerifier(SECRET);

    @Test
    void verifiesTheR4PaymentCapturedWebhookIntoSettlementEvidence() throws Exception {
        String body = SignatureVectorsTest.paymentCapturedBody();

        ProviderEvent event = verified(request(body, "5234fce6c9c7b7dc1deaa96a2a00390bcf5b08750ac371d24d08464fee7c7116", "EvT1"));

        assertThat(event.eventId()).isEqualTo("EvT1");
        assertThat(event.type()).isEqualTo("payment.captured");
        EventFact.PaymentCaptured captured = (EventFact.PaymentCaptured) event.fact();
        assertThat(captured.evidence().amount()).isEqualTo(Money.ofMinor("INR", 50000));
        assertThat(captured.evidence().providerPaymentId()).isEqualTo("pay_DESp9bgForNoUd");
        assertThat(captured.evidence().reference().providerRef()).contains("order_DESlfW9H8K9uqM");
        assertThat(captured.evidence().reference().paymentId()).isEmpty();
    }

    @Test
    void withoutAnEventIdHeaderTheIdIsStableFromTypeAndEntity() throws Exception {
        String body = SignatureVectorsTest.paymentCapturedBody();

        ProviderEvent first = verified(request(body, sign(body), null));
        ProviderEvent second = verified(request(body, sign(body), " "));

        assertThat(first.eventId()).isEqualTo("payment.captured:pay_DESp9bgForNoUd").isEqualTo(second.eventId());
    }

    @Test
    void rejectsAMissingSignature() throws Exception {
        assertRejected(request(SignatureVectorsTest.paymentCapturedBody(), null, "E1"), Verification.Reason.MISSING_SIGNATURE);
    }

    @Test
    void rejectsAForgedSignature() throws Exception {
        String body = SignatureVectorsTest.paymentCapturedBody();
        String forged = Signatures.webhook(body.getBytes(StandardCharsets.UTF_8), "guessed-secret");

        assertRejected(request(body, forged, "E1"), Verification.Reason.INVALID_SIGNATURE);
    }

    @Test
    void rejectsATruncatedSignature() throws Exception {
        String body = SignatureVectorsTest.paymentCapturedBody();

        assertRejected(request(body, sign(body).substring(0, 63), "E1"), Verification.Reason.INVALID_SIGNATURE);
        assertRejected(request(body, sign(body).substring(0, 32), "E1"), Verification.Reason.INVALID_SIGNATURE);
    }

    @Test
    void rejectsAValidSignatureOverAnotherBody() throws Exception {
        String body = SignatureVectorsTest.paymentCapturedBody();
        String tampered = body.replace("50000", "5000000");

        assertRejected(request(tampered, sign(body), "E1"), Verification.Reason.INVALID_SIGNATURE);
    }

    @Test
    void malformedJsonUnderAValidSignatureIsRejectedNotThrown() {
        for (String body : new String[]{"{\"event\":", "[]", "{}", "{\"event\":\"payment.captured\"}",
                "{\"event\":\"payment.captured\",\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_1\",\"amount\":\"lots\",\"currency\":\"INR\"}}}}",
                "{\"event\":\"payment.captured\",\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_1\",\"amount\":1,\"currency\":\"XXY\"}}}}",
                "{\"event\":\"order.paid\"} trailing", "{\"event\":\"some.thing\",\"payload\":{}} {}"}) {
            assertRejected(request(body, sign(body), "E1"), Verification.Reason.MALFORMED);
        }
    }

    @Test
    void eventsPayLedgerDoesNotActOnAreValidButIrrelevant() {
        String body = "{\"entity\":\"event\",\"event\":\"payment.dispute.created\",\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_1\"}}}}";

        assertThat(verified(request(body, sign(body), "E9")).fact()).isInstanceOf(EventFact.Irrelevant.class);
    }

    @Test
    void mapsAFailedPaymentWithOurPaymentIdFromTheNotes() {
        String body = "{\"entity\":\"event\",\"event\":\"payment.failed\",\"contains\":[\"payment\"],\"payload\":{\"payment\":{\"entity\":"
                + "{\"id\":\"pay_F1\",\"amount\":4900,\"currency\":\"INR\",\"status\":\"failed\",\"order_id\":\"order_O1\","
                + "\"notes\":{\"payledger_payment_id\":\"p-1\"},\"error_code\":\"BAD_REQUEST_ERROR\","
                + "\"error_description\":\"Payment declined\"}}}}";

        EventFact.PaymentFailed failed = (EventFact.PaymentFailed) verified(request(body, sign(body), "E2")).fact();

        assertThat(failed.reference().paymentId()).contains(new PaymentId("p-1"));
        assertThat(failed.reference().providerRef()).contains("order_O1");
        assertThat(failed.reason()).contains("Payment declined");
    }

    @Test
    void mapsAProcessedRefundWithOurRefundIdFromItsNotes() {
        String body = refundEvent("refund.processed", "{\"payledger_refund_id\":\"rf-7\"}", "\"rcpt\"");

        EventFact.RefundSucceeded refund = (EventFact.RefundSucceeded) verified(request(body, sign(body), "E3")).fact();

        assertThat(refund.providerRefundId()).isEqualTo("rfnd_R1");
        assertThat(refund.refundId()).contains(new RefundId("rf-7"));
        assertThat(refund.amount()).isEqualTo(Money.ofMinor("INR", 3000));
        assertThat(refund.reference().providerRef()).contains("order_O1");
        assertThat(refund.reference().providerPaymentId()).contains("pay_P1");
    }

    @Test
    void aRefundMadeOnTheDashboardHasNoRefundIdOfOurs() {
        String body = refundEvent("refund.failed", "[]", "null");

        EventFact.RefundFailed refund = (EventFact.RefundFailed) verified(request(body, sign(body), "E4")).fact();

        assertThat(refund.refundId()).isEmpty();
    }

    @Test
    void readParsesAStoredBodyWithoutTheSignature() throws Exception {
        ProviderEvent event = verifier.read("EvT1", SignatureVectorsTest.paymentCapturedBody().getBytes(StandardCharsets.UTF_8));

        assertThat(event.fact()).isInstanceOf(EventFact.PaymentCaptured.class);
        assertThat(event.eventId()).isEqualTo("EvT1");
    }

    private static String refundEvent(String type, String notes, String receipt) {
        return "{\"entity\":\"event\",\"event\":\"" + type + "\",\"contains\":[\"refund\",\"payment\"],\"payload\":{"
                + "\"refund\":{\"entity\":{\"id\":\"rfnd_R1\",\"entity\":\"refund\",\"amount\":3000,\"currency\":\"INR\","
                + "\"payment_id\":\"pay_P1\",\"notes\":" + notes + ",\"receipt\":" + receipt + ",\"status\":\"processed\"}},"
                + "\"payment\":{\"entity\":{\"id\":\"pay_P1\",\"amount\":10000,\"currency\":\"INR\",\"status\":\"captured\","
                + "\"order_id\":\"order_O1\",\"notes\":{\"payledger_payment_id\":\"p-1\"}}}},\"created_at\":1}";
    }

    private ProviderEvent verified(WebhookRequest request) {
        return ((Verification.Verified) verifier.verify(request)).event();
    }

    private void assertRejected(WebhookRequest request, Verification.Reason reason) {
        assertThat(verifier.verify(request)).asInstanceOf(type(Verification.Rejected.class))
                .extracting(Verification.Rejected::reason).isEqualTo(reason);
    }

    private static String sign(String body) {
        return Signatures.webhook(body.getBytes(StandardCharsets.UTF_8), SECRET);
    }

    private static WebhookRequest request(String body, String signature, String eventId) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        Optional.ofNullable(signature).ifPresent(value -> headers.put("X-Razorpay-Signature", value));
        Optional.ofNullable(eventId).ifPresent(value -> headers.put("X-Razorpay-Event-Id", value));
        return new WebhookRequest(headers, body.getBytes(StandardCharsets.UTF_8), Instant.now());
    }
}
