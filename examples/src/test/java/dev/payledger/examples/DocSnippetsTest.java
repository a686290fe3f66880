package dev.payledger.examples;

import dev.payledger.coinbase.Coinbase;
import dev.payledger.coinbase.CoinbaseConfig;
import dev.payledger.core.PayLedger;
import dev.payledger.core.Persistence;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.outbox.NotificationSignature;
import dev.payledger.core.payment.PaymentProvider;
import dev.payledger.razorpay.Razorpay;
import dev.payledger.razorpay.RazorpayConfig;
import dev.payledger.sandbox.coinbase.CoinbaseEmulator;
import dev.payledger.sandbox.razorpay.RazorpayEmulator;
import dev.payledger.sandbox.stripe.StripeEmulator;
import dev.payledger.stripe.Stripe;
import dev.payledger.stripe.StripeConfig;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java snippets of the provider and operations guides, compiled and run. {@code DocsTest} checks that
 * every Java block in the docs is copied from this file or {@link EmbeddingExampleTest}.
 */
class DocSnippetsTest {
    private final Persistence persistence = InMemoryPersistence.create();
    private final String keyId = "rzp_test_docs";
    private final String keySecret = "docs-key-secret";
    private final String webhookSecret = "docs-webhook-secret";

    @Test
    void razorpayLive() {
        // [docs/providers/razorpay.md#live]
        RazorpayConfig config = RazorpayConfig.of(keyId, keySecret, webhookSecret)   // live endpoints, auto-capture on
                .withPayee("yourshop@okaxis", "Your Shop")                          // optional UPI QR
                .withAutoCapture(true)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15));       // each at most one minute
        PaymentProvider razorpay = Razorpay.provider(config);                       // gateway + webhook verifier
        PayLedger payLedger = PayLedger.builder().persistence(persistence)
                .provider(razorpay).qrCodes(Razorpay.qrCodes()).build();
        // [docs/providers/razorpay.md#live]
        assertThat(payLedger.providers().names()).containsExactly("razorpay");
    }

    @Test
    void razorpaySandbox() {
        // [docs/providers/razorpay.md#sandbox]
        RazorpayEmulator emulator = RazorpayEmulator.start(0);
        RazorpayConfig config = RazorpayConfig.of(RazorpayEmulator.KEY_ID, RazorpayEmulator.KEY_SECRET,
                        RazorpayEmulator.WEBHOOK_SECRET)
                .withBaseUrl(emulator.baseUri())
                .withCheckoutScript(emulator.checkoutScriptUri())
                .withPayee("payledger@sandbox", "PayLedger Sandbox");
        emulator.webhookTarget(URI.create("http://127.0.0.1:8080/webhooks/razorpay"));
        // [docs/providers/razorpay.md#sandbox]
        assertThat(Razorpay.provider(config).name()).isEqualTo("razorpay");
        emulator.close();
    }

    @Test
    void stripeLive() {
        // [docs/providers/stripe.md#live]
        StripeConfig config = StripeConfig.of(
                "sk_test_docs_example",                      // System.getenv("STRIPE_SECRET_KEY"): sk_test_… / sk_live_… / rk_…
                "whsec_docs_example",                        // System.getenv("STRIPE_WEBHOOK_SECRET"): whsec_…
                "https://shop.example/payments/{PAYMENT_ID}/done?session={CHECKOUT_SESSION_ID}",
                "https://shop.example/payments/{PAYMENT_ID}/cancelled");
        PaymentProvider stripe = Stripe.provider(config);     // name "stripe"
        PayLedger payLedger = PayLedger.builder().persistence(persistence).provider(stripe).build();
        // [docs/providers/stripe.md#live]
        assertThat(payLedger.providers().names()).containsExactly("stripe");
    }

    @Test
    void stripeSandbox() {
        String successUrl = "http://127.0.0.1:7070/return.html?payment_id={PAYMENT_ID}&result=success";
        String cancelUrl = "http://127.0.0.1:7070/return.html?payment_id={PAYMENT_ID}&result=cancelled";
        // [docs/providers/stripe.md#sandbox]
        StripeEmulator stripe = StripeEmulator.start(0);                  // 127.0.0.1, any free port
        stripe.webhooks().target(URI.create("http://127.0.0.1:7070/webhooks/stripe"));
        StripeConfig config = StripeConfig.of(StripeEmulator.TEST_SECRET_KEY, StripeEmulator.TEST_WEBHOOK_SECRET,
                successUrl, cancelUrl).withApiBase(stripe.apiBase());
        // [docs/providers/stripe.md#sandbox]
        assertThat(Stripe.provider(config).name()).isEqualTo("stripe");
        stripe.close();
    }

    @Test
    void coinbaseLive() {
        String keyId = "7e57c0de-cb00-4000-8000-000000000001";
        String keySecret = CoinbaseEmulator.TEST_API_SECRET;
        // [docs/providers/coinbase.md#live]
        CoinbaseConfig config = CoinbaseConfig.business(keyId, keySecret, webhookSecret)   // checkouts, USD, live API
                .withRedirects("https://shop.example/paid", "https://shop.example/failed");
        PayLedger payLedger = PayLedger.builder()
                .persistence(persistence)
                .provider(Coinbase.provider(config))          // PaymentProvider "coinbase", ReconcilePolicy.crypto()
                .build();
        // [docs/providers/coinbase.md#live]
        assertThat(payLedger.providers().names()).containsExactly("coinbase");
    }

    @Test
    void coinbaseSandbox() {
        String appUrl = "http://127.0.0.1:8080";
        // [docs/providers/coinbase.md#sandbox]
        CoinbaseEmulator emulator = CoinbaseEmulator.start(0).webhookTarget(URI.create(appUrl + "/webhooks/coinbase"));
        CoinbaseConfig config = CoinbaseConfig.business(CoinbaseEmulator.TEST_API_KEY_ID, CoinbaseEmulator.TEST_API_SECRET,
                        CoinbaseEmulator.TEST_WEBHOOK_SECRET)
                .withBaseUrl(emulator.businessApiUrl());          // or commerce(...).withBaseUrl(emulator.commerceApiUrl())
        // [docs/providers/coinbase.md#sandbox]
        assertThat(Coinbase.provider(config).name()).isEqualTo("coinbase");
        emulator.close();
    }

    @Test
    void notificationsAreVerifiedWithTheLibraryOrWithPlainJava() throws Exception {
        String secret = "a-notification-secret-of-32-bytes!";
        byte[] body = "{\"id\":\"7\",\"type\":\"payment.paid\"}".getBytes(StandardCharsets.UTF_8);
        String header = NotificationSignature.sign(secret, Instant.now(), body);
        // [docs/operations.md#verify]
        // header = request.getHeader("PayLedger-Signature"), body = the raw request bytes, not re-serialized JSON
        boolean authentic = dev.payledger.core.outbox.NotificationSignature.verify(
                secret, header, body, Instant.now(), Duration.ofMinutes(5));
        // [docs/operations.md#verify]
        assertThat(authentic).isTrue();
        long t = Long.parseLong(header.replaceAll(".*t=(\\d+).*", "$1"));
        String v1 = header.replaceAll(".*v1=([0-9a-f]+).*", "$1");
        assertThat(verifyWithPlainJava(secret, t, v1, body)).isTrue();
        assertThat(verifyWithPlainJava(secret, t, v1, "{}".getBytes(UTF_8))).isFalse();
    }

    private static boolean verifyWithPlainJava(String secret, long t, String v1, byte[] body) throws Exception {
        // [docs/operations.md#plain]
        // t and v1 come from the header "t=…,v1=…"
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(UTF_8));
        boolean ok = MessageDigest.isEqual(mac.doFinal(body), HexFormat.of().parseHex(v1))
                && Math.abs(Instant.now().getEpochSecond() - t) <= 300;
        // [docs/operations.md#plain]
        return ok;
    }
}
