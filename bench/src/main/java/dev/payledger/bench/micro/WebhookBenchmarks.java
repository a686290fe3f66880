package dev.payledger.bench.micro;

import dev.payledger.coinbase.CoinbaseWebhookVerifier;
import dev.payledger.core.payment.ProviderEvent;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;
import dev.payledger.razorpay.RazorpayWebhookVerifier;
import dev.payledger.stripe.StripeWebhookVerifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Verifying (signature + parse) and reading (parse only, as the inbox worker does) one webhook of each
 * provider with the adapters' own verifiers. Each verify must answer Verified, checked in setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WebhookBenchmarks {
    private RazorpayWebhookVerifier razorpay;
    private StripeWebhookVerifier stripe;
    private CoinbaseWebhookVerifier coinbase;
    private WebhookRequest razorpayRequest;
    private WebhookRequest stripeRequest;
    private WebhookRequest coinbaseRequest;

    @Setup
    public void setUp() {
        Instant now = Instant.now();
        razorpay = new RazorpayWebhookVerifier(SignedWebhooks.RAZORPAY_SECRET);
        stripe = new StripeWebhookVerifier(SignedWebhooks.STRIPE_SECRET, Duration.ofMinutes(5));
        coinbase = new CoinbaseWebhookVerifier(SignedWebhooks.COINBASE_SECRET);
        razorpayRequest = SignedWebhooks.razorpay(SignedWebhooks.body("razorpay-payment-captured.json"), "evt_bench", now);
        stripeRequest = SignedWebhooks.stripe(SignedWebhooks.body("stripe-checkout-completed.json"), now);
        coinbaseRequest = SignedWebhooks.coinbase(SignedWebhooks.body("coinbase-payment-link-success.json"), "cb_evt", now);
        for (Verification verification : new Verification[] {razorpayVerify(), stripeVerify(), coinbaseVerify()}) {
            if (!(verification instanceof Verification.Verified)) {
                throw new IllegalStateException("A reference webhook does not verify: " + verification);
            }
        }
    }

    @Benchmark
    public Verification razorpayVerify() {
        return razorpay.verify(razorpayRequest);
    }

    @Benchmark
    public ProviderEvent razorpayParse() {
        return razorpay.read("evt_bench", razorpayRequest.body());
    }

    @Benchmark
    public Verification stripeVerify() {
        return stripe.verify(stripeRequest);
    }

    @Benchmark
    public ProviderEvent stripeParse() {
        return stripe.read("evt_1TEST", stripeRequest.body());
    }

    @Benchmark
    public Verification coinbaseVerify() {
        return coinbase.verify(coinbaseRequest);
    }

    @Benchmark
    public ProviderEvent coinbaseParse() {
        return coinbase.read("cb_evt", coinbaseRequest.body());
    }
}
