package dev.payledger.app;

import dev.payledger.sandbox.coinbase.CoinbaseEmulator;
import dev.payledger.sandbox.razorpay.RazorpayEmulator;
import dev.payledger.sandbox.stripe.StripeEmulator;

import java.net.URI;
import java.util.Optional;

/**
 * The provider emulators of sandbox mode, on free loopback ports, with the configured (by default the fixed
 * sandbox test) keys. Their webhooks go to this service's own {@code /webhooks/{provider}} routes. Thread-safe.
 */
public final class Sandbox implements AutoCloseable {
    private final Optional<RazorpayEmulator> razorpay;
    private final Optional<StripeEmulator> stripe;
    private final Optional<CoinbaseEmulator> coinbase;

    private Sandbox(Optional<RazorpayEmulator> razorpay, Optional<StripeEmulator> stripe,
                    Optional<CoinbaseEmulator> coinbase) {
        this.razorpay = razorpay;
        this.stripe = stripe;
        this.coinbase = coinbase;
    }

    /** Starts an emulator for each provider the configuration enables. */
    public static Sandbox start(Config config) {
        Optional<RazorpayEmulator> razorpay = config.razorpay().map(r ->
                RazorpayEmulator.start(0, r.keyId(), r.keySecret().value(), r.webhookSecret().value()));
        Optional<StripeEmulator> stripe = config.stripe().map(s -> StripeEmulator.start(0,
                StripeEmulator.Settings.defaults().withKeys(s.secretKey().value(), s.webhookSecret().value())));
        Optional<CoinbaseEmulator> coinbase = config.coinbase().map(c -> {
            CoinbaseEmulator emulator = CoinbaseEmulator.start(0);
            if (c.variant().equals("business")) {
                emulator.secrets(c.webhookSecret().value(), CoinbaseEmulator.TEST_COMMERCE_API_KEY,
                        CoinbaseEmulator.TEST_COMMERCE_WEBHOOK_SECRET);
            } else {
                emulator.secrets(CoinbaseEmulator.TEST_WEBHOOK_SECRET, c.apiSecret().value(), c.webhookSecret().value());
            }
            return emulator;
        });
        return new Sandbox(razorpay, stripe, coinbase);
    }

    /** Sends every emulator's webhooks to {@code baseUrl + /webhooks/<provider>}. */
    public void deliverWebhooksTo(String baseUrl) {
        razorpay.ifPresent(e -> e.webhookTarget(URI.create(baseUrl + "/webhooks/razorpay")));
        stripe.ifPresent(e -> e.webhooks().target(URI.create(baseUrl + "/webhooks/stripe")));
        coinbase.ifPresent(e -> e.webhookTarget(URI.create(baseUrl + "/webhooks/coinbase")));
    }

    public Optional<RazorpayEmulator> razorpay() {
        return razorpay;
    }

    public Optional<StripeEmulator> stripe() {
        return stripe;
    }

    public Optional<CoinbaseEmulator> coinbase() {
        return coinbase;
    }

    @Override
    public void close() {
        razorpay.ifPresent(RazorpayEmulator::close);
        stripe.ifPresent(StripeEmulator::close);
        coinbase.ifPresent(CoinbaseEmulator::close);
    }
}
