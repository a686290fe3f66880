package dev.payledger.coinbase;

import dev.payledger.core.money.Money;
import dev.payledger.core.payment.EventFact;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;
import dev.payledger.sandbox.coinbase.WebhookSigner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The published test vectors of reference/coinbase.md: J1, K1, K2 and C1. */
class VectorsTest {
    static final String J1_KEY_ID = "11111111-2222-3333-4444-555555555555";
    static final String J1_SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8DoQe/884Qvh1w3RjnS8CZZ+TWMJulDV8d3IZkElUxuA==";

    @Test
    void ed25519JwtReproducesVectorJ1ByteForByte() {
        String token = CdpJwt.token(J1_KEY_ID, CdpKey.parse(J1_SECRET), "00112233445566778899aabbccddeeff",
                1764000000L, "POST business.coinbase.com/api/v1/payment-links");
        String[] parts = token.split("\\.");

        assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"EdDSA\",\"kid\":\"11111111-2222-3333-4444-555555555555\","
                + "\"typ\":\"JWT\",\"nonce\":\"00112233445566778899aabbccddeeff\"}");
        assertThat(decode(parts[1])).isEqualTo("{\"sub\":\"11111111-2222-3333-4444-555555555555\",\"iss\":\"cdp\","
                + "\"nbf\":1764000000,\"exp\":1764000120,\"uri\":\"POST business.coinbase.com/api/v1/payment-links\"}");
        assertThat(parts[2]).isEqualTo(
                "BnhfNBlF9Vp8Z-uSJZgDiPpUFt64ytXcpPFM8o_3wXI-BtVuB77mxOnwXCwKWu1bLNS4zkD5d0Bv5trNcrsEAg");
    }

    @Test
    void requestUriHasThePortOnlyWhenTheUrlNamesOneAndNeverTheQuery() {
        assertThat(CdpJwt.requestUri("post", java.net.URI.create("https://business.coinbase.com/api/v1/checkouts?x=1")))
                .isEqualTo("POST business.coinbase.com/api/v1/checkouts");
        assertThat(CdpJwt.requestUri("GET", java.net.URI.create("http://127.0.0.1:8123/api/v1/checkouts/abc")))
                .isEqualTo("GET 127.0.0.1:8123/api/v1/checkouts/abc");
    }

    @Test
    void hook0SignatureAcceptsVectorK1WithV1AndWithV0Alone() {
        byte[] body = "hello !".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("X-Event-Id", "1a01cb48-5142-4d9b-8f90-d20cca61f0ee",
                "X-Event-Type", "service.resource.verb");
        Hook0Signature signature = new Hook0Signature("secret");
        Instant at = Instant.ofEpochSecond(1636936200L);

        assertThat(signature.check(request(headers, "t=1636936200"
                + ",v0=1b3d69df55f1e52f05224ba94a5162abeb17ef52cd7f4948c390f810d6a87e98"
                + ",h=x-event-id x-event-type"
                + ",v1=bc521546ba5de381b12f135782d2008b028c3065c191760b12b76850a8fc8f51", body, at))).isEmpty();
        assertThat(signature.check(request(headers,
                "t=1636936200,v0=1b3d69df55f1e52f05224ba94a5162abeb17ef52cd7f4948c390f810d6a87e98", body, at))).isEmpty();
    }

    @Test
    void paymentLinkSuccessOfVectorK2VerifiesAndSettlesTheStatedAmount() throws IOException {
        byte[] body = resource("coinbase-payment-link-success.json");
        assertThat(body).hasSize(827);
        Map<String, String> headers = Map.of("Content-Type", "application/json",
                "X-Event-Id", "0f8fad5b-d9cb-469f-a165-70867728950e", "X-Event-Type", "payment_link.payment.success");
        String header = "t=1764000000,v0=79c3ff2215b53e2391f06dbe247ccfc0a7dbf285d48c24a60e91f295e2920309,"
                + "h=content-type x-event-id x-event-type,"
                + "v1=c5a950b633105d023c1c0657fe93f66a173b5941d97d6ccfefe8d5e31ecd381c";
        String secret = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";

        Verification verification = new CoinbaseWebhookVerifier(secret)
                .verify(request(headers, header, body, Instant.ofEpochSecond(1764000000L + 60)));

        assertThat(WebhookSigner.hook0(secret, 1764000000L, body, List.of("content-type", "x-event-id", "x-event-type"),
                headers)).isEqualTo(header);
        assertThat(verification).isInstanceOfSatisfying(Verification.Verified.class, verified -> {
            assertThat(verified.event().eventId()).isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e");
            assertThat(verified.event().type()).isEqualTo("payment_link.payment.success");
            assertThat(verified.event().fact()).isInstanceOfSatisfying(EventFact.PaymentCaptured.class, captured -> {
                assertThat(captured.evidence().amount()).isEqualTo(Money.ofMinor("USD", 10000));
                assertThat(captured.evidence().reference().providerRef()).contains("69163c762331ed43dc64a6ef");
                assertThat(captured.evidence().providerPaymentId()).startsWith("0x1234567890abcdef");
            });
        });
    }

    @Test
    void commerceSignatureAcceptsVectorC1AndRefusesAnotherSecret() throws IOException {
        byte[] body = resource("coinbase-commerce-charge-created.json");
        assertThat(body).hasSize(816);
        Map<String, String> headers = Map.of("X-CC-Webhook-Signature",
                "8be7742c7d372f08a6a3224edadf18a22b65fa9e28f3f2de97376cdaa092590d");
        WebhookRequest request = new WebhookRequest(headers, body, Instant.now());

        Verification good = new CommerceWebhookVerifier("30291a20-0bd1-4267-9b0f-e6e7b123c0bf").verify(request);
        Verification bad = new CommerceWebhookVerifier("30291a20-0bd1-4267-9b0f-e6e7b123c0be").verify(request);

        assertThat(good).isInstanceOfSatisfying(Verification.Verified.class, verified -> {
            assertThat(verified.event().eventId()).isEqualTo("24934862-d980-46cb-9402-43c81b0cdba6");
            assertThat(verified.event().type()).isEqualTo("charge:created");
            assertThat(verified.event().fact()).isInstanceOf(EventFact.Irrelevant.class);
        });
        assertThat(bad).isInstanceOfSatisfying(Verification.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Verification.Reason.INVALID_SIGNATURE));
        assertThat(WebhookSigner.commerce("30291a20-0bd1-4267-9b0f-e6e7b123c0bf", body))
                .isEqualTo("8be7742c7d372f08a6a3224edadf18a22b65fa9e28f3f2de97376cdaa092590d");
    }

    static WebhookRequest request(Map<String, String> headers, String signature, byte[] body, Instant at) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("X-Hook0-Signature", signature);
        return new WebhookRequest(all, body, at);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = VectorsTest.class.getResourceAsStream("/coinbase/" + name)) {
            return in.readAllBytes();
        }
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
