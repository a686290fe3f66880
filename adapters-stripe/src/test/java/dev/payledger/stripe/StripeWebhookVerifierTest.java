package dev.payledger.stripe;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.payledger.core.money.Money;
import dev.payledger.core.payment.EventFact;
import dev.payledger.core.payment.PaymentId;
import dev.payledger.core.payment.RefundId;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.Verification.Reason;
import dev.payledger.core.payment.WebhookRequest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static dev.payledger.stripe.Events.S1_BODY;
import static dev.payledger.stripe.Events.S2_BODY;
import static dev.payledger.stripe.Events.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripeWebhookVerifierTest {
    private static final long T = 1_700_000_000L;
    private static final Instant AT_T = Instant.ofEpochSecond(T);
    private static final String S2_HEADER = "t=1700000000,v1=94f708c249f0f50611bdbfd29ea13eab42792ff8f2c032cc66c3218fdda6d73c";

    private final StripeWebhookVerifier verifier = new StripeWebhookVerifier(SECRET, Duration.ofMinutes(5));

    @Test
    void vectorS1PassesStripeJavaOnlyWithAClockAtItsTimestamp() throws Exception {
        String header = "t=1700000000,v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150";

        Event event = Webhook.constructEvent(S1_BODY, header, SECRET, 300, Clock.fixed(AT_T, ZoneOffset.UTC));

        assertThat(event.getId()).isEqualTo("evt_test_webhook");
        assertThatThrownBy(() -> Webhook.constructEvent(S1_BODY, header, SECRET))
                .isInstanceOf(SignatureVerificationException.class).hasMessageContaining("tolerance");
        assertThat(reason(verifier.verify(Events.request(S1_BODY, header, AT_T.plusSeconds(301)))))
                .isEqualTo(Reason.STALE_TIMESTAMP);
    }

    @Test
    void vectorS2IsACapturedPaymentWithStripesAmount() {
        Verification verification = verifier.verify(Events.request(S2_BODY, S2_HEADER, AT_T));

        var event = ((Verification.Verified) verification).event();
        assertThat(event.eventId()).isEqualTo("evt_1TEST");
        assertThat(event.type()).isEqualTo("checkout.session.completed");
        var evidence = ((EventFact.PaymentCaptured) event.fact()).evidence();
        assertThat(evidence.amount()).isEqualTo(Money.ofMinor("USD", 2000));
        assertThat(evidence.providerPaymentId()).isEqualTo("pi_123");
        assertThat(evidence.reference().providerRef()).contains("cs_test_123");
        assertThat(evidence.reference().paymentId()).contains(new PaymentId("ORD-42"));
    }

    @Test
    void timestampsBeyondTheToleranceAreRefusedInBothDirections() {
        String body = Events.event("evt_1", "checkout.session.completed", com.stripe.Stripe.API_VERSION,
                Events.session("complete", "paid"));
        Instant now = Instant.now();

        assertThat(reason(verifier.verify(Events.request(body, Events.header(body, now.getEpochSecond() - 301), now))))
                .isEqualTo(Reason.STALE_TIMESTAMP);
        assertThat(reason(verifier.verify(Events.request(body, Events.header(body, now.getEpochSecond() + 301), now))))
                .isEqualTo(Reason.STALE_TIMESTAMP);
        assertThat(verifier.verify(Events.request(body, Events.header(body, now.getEpochSecond() + 200), now)))
                .isInstanceOf(Verification.Verified.class);
        assertThat(verifier.verify(Events.request(body, Events.header(body, now.getEpochSecond() - 200), now)))
                .isInstanceOf(Verification.Verified.class);
    }

    @Test
    void forgedOrOtherSecretSignaturesAreRefused() {
        String body = Events.event("evt_1", "checkout.session.completed", com.stripe.Stripe.API_VERSION,
                Events.session("complete", "paid"));
        String forged = "t=" + T + ",v1=" + "0".repeat(64);
        String otherSecret = header("whsec_other", body);

        assertThat(reason(verifier.verify(Events.request(body, forged, AT_T)))).isEqualTo(Reason.INVALID_SIGNATURE);
        assertThat(reason(verifier.verify(Events.request(body, otherSecret, AT_T)))).isEqualTo(Reason.INVALID_SIGNATURE);
        assertThat(reason(verifier.verify(Events.request(body.replace("4900", "1"), Events.header(body, T), AT_T))))
                .isEqualTo(Reason.INVALID_SIGNATURE);
        assertThat(reason(verifier.verify(Events.request(body, forged, AT_T.plusSeconds(3600)))))
                .isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void unknownSchemesAndExtraSignaturesInTheHeaderAreTolerated() {
        String header = "t=1700000000,v0=abc,v1=" + "1".repeat(64) + ",future,"
                + "v1=94f708c249f0f50611bdbfd29ea13eab42792ff8f2c032cc66c3218fdda6d73c";

        assertThat(verifier.verify(Events.request(S2_BODY, header, AT_T))).isInstanceOf(Verification.Verified.class);
    }

    @Test
    void missingOrMalformedHeadersAreRefusedWithoutAnException() {
        assertThat(reason(verifier.verify(Events.request(S2_BODY, null, AT_T)))).isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(reason(verifier.verify(Events.request(S2_BODY, " ", AT_T)))).isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(reason(verifier.verify(Events.request(S2_BODY, "t=1700000000", AT_T)))).isEqualTo(Reason.MISSING_SIGNATURE);
        assertThat(reason(verifier.verify(Events.request(S2_BODY, "t=abc,v1=00", AT_T)))).isEqualTo(Reason.MALFORMED);
        assertThat(reason(verifier.verify(Events.request(S2_BODY, "t=99999999999999999999,v1=00", AT_T))))
                .isEqualTo(Reason.MALFORMED);
        assertThat(reason(verifier.verify(Events.request(S2_BODY, "t", AT_T)))).isEqualTo(Reason.MALFORMED);
        assertThat(reason(verifier.verify(Events.request(S2_BODY, "v1=00", AT_T)))).isEqualTo(Reason.MALFORMED);
        assertThat(reason(verifier.verify(Events.request(S2_BODY, "t=-5,v1=00", AT_T)))).isEqualTo(Reason.MALFORMED);
        assertThat(reason(verifier.verify(Events.request(S2_BODY, "t=1,t=2,v1=00", AT_T)))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void correctlySignedBodiesThatAreNotEventsAreMalformed() {
        for (String body : new String[]{"not json", "[1]", "{}", "{\"id\":\"evt_1\",\"object\":\"event\"}",
                "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"checkout.session.completed\",\"data\":{\"object\":[]}}"}) {
            assertThat(reason(verifier.verify(Events.request(body, Events.header(body, T), AT_T))))
                    .as(body).isEqualTo(Reason.MALFORMED);
        }
        WebhookRequest notUtf8 = new WebhookRequest(Map.of("Stripe-Signature", "t=" + T + ",v1=00"),
                new byte[]{(byte) 0xC3, (byte) 0x28}, AT_T);
        assertThat(reason(verifier.verify(notUtf8))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void arbitraryHeadersAndBodiesNeverEscapeAsExceptions() {
        String[] pieces = {"t", "=", ",", "v1", "v0", "1700000000", "-1", "abc", " ", "==", "t=1700000000",
                "v1=94f708c249f0f50611bdbfd29ea13eab42792ff8f2c032cc66c3218fdda6d73c", "\u00e9", "99999999999999999999"};
        String[] bodies = {S2_BODY, "", "{", "null", "[]", "{\"id\":1}", S2_BODY.replace("paid", "unpaid"),
                "{\"id\":\"evt\",\"object\":\"event\",\"type\":\"refund.updated\",\"data\":{\"object\":{}}}"};
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 3000; i++) {
            StringBuilder header = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                header.append(pieces[random.nextInt(pieces.length)]);
            }
            String body = bodies[random.nextInt(bodies.length)];
            String signature = random.nextInt(3) == 0 ? Events.header(body, T) : header.toString();
            assertThat(verifier.verify(Events.request(body, signature, AT_T))).isNotNull();
        }
    }

    @Test
    void anEventOfAnotherApiVersionIsStillRead() {
        String body = Events.event("evt_old", "checkout.session.completed", "2025-03-31.basil",
                Events.session("complete", "paid"));
        assertThat(Webhook.constructEventWithoutVerification(body).getDataObjectDeserializer().getObject()).isEmpty();

        var fact = ((Verification.Verified) verifier.verify(Events.signed(body, AT_T))).event().fact();

        assertThat(((EventFact.PaymentCaptured) fact).evidence().amount()).isEqualTo(Money.ofMinor("INR", 4900));
    }

    @Test
    void sessionEventsMapToPaymentFacts() {
        assertThat(fact("checkout.session.completed", Events.session("complete", "unpaid")))
                .isInstanceOf(EventFact.PaymentPending.class);
        assertThat(fact("checkout.session.async_payment_succeeded", Events.session("complete", "paid")))
                .isInstanceOf(EventFact.PaymentCaptured.class);
        assertThat(fact("checkout.session.async_payment_failed", Events.session("complete", "unpaid")))
                .isInstanceOf(EventFact.PaymentFailed.class);
        EventFact expired = fact("checkout.session.expired", Events.session("expired", "unpaid"));
        assertThat(((EventFact.PaymentExpired) expired).reference().paymentId()).contains(new PaymentId("pay_1"));
        assertThat(fact("customer.created", "{\"id\":\"cus_1\",\"object\":\"customer\"}"))
                .isInstanceOf(EventFact.Irrelevant.class);
        assertThat(fact("checkout.session.completed", "{\"id\":\"cs_test_2\",\"object\":\"checkout.session\","
                + "\"mode\":\"setup\",\"status\":\"complete\",\"payment_status\":\"no_payment_required\"}"))
                .isInstanceOf(EventFact.Irrelevant.class);
    }

    @Test
    void refundEventsCarryOurRefundIdAndTheRefundedAmount() {
        EventFact updated = fact("refund.updated", Events.refund("re_2", "succeeded", 900, 2));
        EventFact failed = fact("refund.updated", Events.refund("re_3", "failed", 900, 3));
        String charge = "{\"id\":\"ch_1\",\"object\":\"charge\",\"amount\":4900,\"amount_refunded\":4900,\"currency\":\"inr\","
                + "\"payment_intent\":\"pi_1\",\"refunds\":{\"object\":\"list\",\"data\":[" + Events.refund("re_2", "succeeded", 4000, 2)
                + "," + Events.refund("re_1", "succeeded", 900, 1) + "],\"has_more\":false}}";
        EventFact refunded = fact("charge.refunded", charge);

        var succeeded = (EventFact.RefundSucceeded) updated;
        assertThat(succeeded.refundId()).contains(new RefundId("rf_re_2"));
        assertThat(succeeded.amount()).isEqualTo(Money.ofMinor("INR", 900));
        assertThat(succeeded.reference().providerPaymentId()).contains("pi_1");
        assertThat(((EventFact.RefundFailed) failed).reason()).isEqualTo("declined");
        assertThat(((EventFact.RefundSucceeded) refunded).providerRefundId()).isEqualTo("re_2");
        assertThat(((EventFact.RefundSucceeded) refunded).amount()).isEqualTo(Money.ofMinor("INR", 4000));
        assertThat(fact("charge.refunded", "{\"id\":\"ch_1\",\"object\":\"charge\",\"payment_intent\":\"pi_1\"}"))
                .isInstanceOf(EventFact.Irrelevant.class);
    }

    @Test
    void readParsesAStoredBodyWithoutCheckingItsAgeAgain() {
        var event = verifier.read("evt_1TEST", S2_BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(event.fact()).isInstanceOf(EventFact.PaymentCaptured.class);
        assertThatThrownBy(() -> verifier.read("evt_other", S2_BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verifier.read("evt_1", "nope".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBlankSecretIsRefused() {
        assertThatThrownBy(() -> new StripeWebhookVerifier(" ", Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not configured");
    }

    private EventFact fact(String type, String object) {
        String body = Events.event("evt_" + type.replace('.', '_'), type, com.stripe.Stripe.API_VERSION, object);
        Verification verification = verifier.verify(Events.signed(body, AT_T));
        assertThat(verification).as(type).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified) verification).event().fact();
    }

    private static String header(String secret, String body) {
        try {
            return Webhook.Signature.generateSignatureHeader(body, secret, T);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Reason reason(Verification verification) {
        assertThat(verification).isInstanceOf(Verification.Rejected.class);
        return ((Verification.Rejected) verification).reason();
    }
}
