package dev.payledger.coinbase;

import dev.payledger.core.money.Money;
import dev.payledger.core.payment.EventFact;
import dev.payledger.core.payment.PaymentId;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;
import dev.payledger.sandbox.coinbase.WebhookSigner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoinbaseWebhookVerifierTest {
    private static final String SECRET = "test-subscription-secret";
    private static final Instant NOW = Instant.parse("2026-11-21T21:00:00Z");
    private final CoinbaseWebhookVerifier verifier = new CoinbaseWebhookVerifier(SECRET);

    @Test
    void checkoutPaymentSuccessSettlesTheFiatAmountForOurPayment() {
        String body = "{\"amount\":\"0.99\",\"currency\":\"USDC\",\"eventType\":\"checkout.payment.success\","
                + "\"fiatAmount\":\"0.99\",\"fiatCurrency\":\"USD\",\"id\":\"aaaaaaaaaaaaaaaaaaaaaaaa\","
                + "\"metadata\":{\"paymentId\":\"pay_1\",\"orderId\":\"ord_1\"},\"status\":\"COMPLETED\","
                + "\"transactionHash\":\"0xabc\"}";

        EventFact fact = verified(signed(body, "checkout.payment.success", NOW.getEpochSecond(), false)).fact();

        assertThat(fact).isInstanceOfSatisfying(EventFact.PaymentCaptured.class, captured -> {
            assertThat(captured.evidence().amount()).isEqualTo(Money.ofMinor("USD", 99));
            assertThat(captured.evidence().reference().providerRef()).contains("aaaaaaaaaaaaaaaaaaaaaaaa");
            assertThat(captured.evidence().reference().paymentId()).contains(new PaymentId("pay_1"));
            assertThat(captured.evidence().providerPaymentId()).isEqualTo("0xabc");
        });
    }

    @Test
    void failedAndExpiredEventsCloseTheAttempt() {
        assertThat(verified(signed(resource("checkout.payment.failed"), "checkout.payment.failed", NOW.getEpochSecond(), false))
                .fact()).isInstanceOf(EventFact.PaymentFailed.class);
        assertThat(verified(signed(resource("payment_link.payment.expired"), "payment_link.payment.expired",
                NOW.getEpochSecond(), false)).fact()).isInstanceOf(EventFact.PaymentExpired.class);
        assertThat(verified(signed(resource("checkout.something.new"), "checkout.something.new", NOW.getEpochSecond(), false))
                .fact()).isInstanceOf(EventFact.Irrelevant.class);
    }

    @Test
    void refundEventsNameTheRefundAndItsAmount() {
        String body = "{\"eventType\":\"checkout.refund.success\",\"id\":\"bbbbbbbbbbbbbbbbbbbbbbbb\",\"metadata\":{},"
                + "\"refunds\":[{\"id\":\"r1\",\"amount\":\"1.00\",\"currency\":\"USD\",\"status\":\"COMPLETED\"},"
                + "{\"id\":\"r2\",\"amount\":\"0.50\",\"currency\":\"USD\",\"status\":\"FAILED\"}],\"status\":\"PARTIALLY_REFUNDED\"}";

        EventFact fact = verified(signed(body, "checkout.refund.success", NOW.getEpochSecond(), false)).fact();

        assertThat(fact).isInstanceOfSatisfying(EventFact.RefundSucceeded.class, refund -> {
            assertThat(refund.providerRefundId()).isEqualTo("r1");
            assertThat(refund.amount()).isEqualTo(Money.ofMinor("USD", 100));
        });
    }

    @Test
    void aTimestampOlderThanFiveMinutesIsRejectedAsStale() {
        Verification verification = verifier.verify(
                signed(resource("checkout.payment.success"), "checkout.payment.success", NOW.getEpochSecond() - 301, false));

        assertThat(verification).isInstanceOfSatisfying(Verification.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Verification.Reason.STALE_TIMESTAMP));
    }

    @Test
    void aValidV0BesideAWrongV1IsRejected() {
        Verification verification = verifier.verify(
                signed(resource("checkout.payment.success"), "checkout.payment.success", NOW.getEpochSecond(), true));

        assertThat(verification).isInstanceOfSatisfying(Verification.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Verification.Reason.INVALID_SIGNATURE));
    }

    @Test
    void aTamperedBodyOrAMissingSignatureIsRejected() {
        WebhookRequest good = signed(resource("checkout.payment.success"), "checkout.payment.success", NOW.getEpochSecond(), false);
        WebhookRequest tampered = new WebhookRequest(good.headers(),
                resource("checkout.payment.success").replace("0.99", "9.99").getBytes(StandardCharsets.UTF_8), NOW);
        Map<String, String> unsigned = new HashMap<>(good.headers());
        unsigned.remove("x-hook0-signature");

        assertThat(verifier.verify(tampered)).isInstanceOfSatisfying(Verification.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Verification.Reason.INVALID_SIGNATURE));
        assertThat(verifier.verify(new WebhookRequest(unsigned, good.body(), NOW))).isInstanceOfSatisfying(
                Verification.Rejected.class, rejected -> assertThat(rejected.reason()).isEqualTo(Verification.Reason.MISSING_SIGNATURE));
    }

    @Test
    void malformedInputIsRejectedNeverThrown() {
        assertThat(verifier.verify(signed("not json", "checkout.payment.success", NOW.getEpochSecond(), false)))
                .isInstanceOfSatisfying(Verification.Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(Verification.Reason.MALFORMED));
        assertThat(verifier.verify(signed("{\"eventType\":\"checkout.payment.success\",\"id\":\"x\",\"amount\":\"1\","
                + "\"currency\":\"DOGE\"}", "checkout.payment.success", NOW.getEpochSecond(), false)))
                .isInstanceOf(Verification.Rejected.class);
        Map<String, String> garbage = Map.of("X-Hook0-Signature", "t=abc,v1=zz", "X-Event-Id", "e");
        assertThat(verifier.verify(new WebhookRequest(garbage, new byte[0], NOW))).isInstanceOf(Verification.Rejected.class);
    }

    @Test
    void readParsesAStoredBodyWithoutCheckingTheSignatureAgain() {
        byte[] body = resource("checkout.payment.success").getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.read("evt-1", body).fact()).isInstanceOf(EventFact.PaymentCaptured.class);
        assertThatThrownBy(() -> verifier.read("evt-1", "[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ProviderEventView verified(WebhookRequest request) {
        Verification verification = verifier.verify(request);
        assertThat(verification).isInstanceOf(Verification.Verified.class);
        Verification.Verified verified = (Verification.Verified) verification;
        assertThat(verified.event().eventId()).isEqualTo("evt-" + verified.event().type());
        return new ProviderEventView(verified.event().fact());
    }

    private static String resource(String eventType) {
        return "{\"amount\":\"0.99\",\"currency\":\"USDC\",\"eventType\":\"" + eventType + "\","
                + "\"id\":\"cccccccccccccccccccccccc\",\"metadata\":{\"paymentId\":\"pay_2\"},\"status\":\"COMPLETED\"}";
    }

    static WebhookRequest signed(String body, String eventType, long timestamp, boolean corruptV1) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json",
                "X-Event-Id", "evt-" + eventType, "X-Event-Type", eventType));
        String signature = WebhookSigner.hook0(SECRET, timestamp, bytes, List.of("content-type", "x-event-id", "x-event-type"),
                headers);
        if (corruptV1) {
            signature = signature.substring(0, signature.length() - 1) + (signature.endsWith("0") ? "1" : "0");
        }
        headers.put("X-Hook0-Signature", signature);
        return new WebhookRequest(headers, bytes, NOW);
    }

    private record ProviderEventView(EventFact fact) {
    }
}
