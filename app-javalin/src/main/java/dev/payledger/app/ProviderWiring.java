package dev.payledger.app;

import dev.payledger.app.http.ProviderCalls;
import dev.payledger.coinbase.Coinbase;
import dev.payledger.coinbase.CoinbaseConfig;
import dev.payledger.core.payment.PaymentProvider;
import dev.payledger.razorpay.Razorpay;
import dev.payledger.razorpay.RazorpayConfig;
import dev.payledger.stripe.Stripe;
import dev.payledger.stripe.StripeConfig;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the real provider adapters from the configuration, pointed at the emulators in sandbox mode. */
final class ProviderWiring {
    private ProviderWiring() {
    }

    /** The configured providers, each gateway timed by {@code calls}. */
    static List<PaymentProvider> providers(Config config, Optional<Sandbox> sandbox, String baseUrl, ProviderCalls calls) {
        return providers(config, sandbox, baseUrl).stream().map(calls::timed).toList();
    }

    static List<PaymentProvider> providers(Config config, Optional<Sandbox> sandbox, String baseUrl) {
        List<PaymentProvider> providers = new ArrayList<>();
        String success = config.successUrl().orElse(baseUrl + "/return.html?payment_id={PAYMENT_ID}&result=success");
        String cancel = config.cancelUrl().orElse(baseUrl + "/return.html?payment_id={PAYMENT_ID}&result=cancelled");
        try {
            config.razorpay().ifPresent(r -> providers.add(Razorpay.provider(razorpay(r, sandbox))));
            config.stripe().ifPresent(s -> providers.add(Stripe.provider(stripe(s, sandbox, success, cancel))));
            config.coinbase().ifPresent(c -> providers.add(Coinbase.provider(coinbase(c, sandbox, success, cancel))));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return providers;
    }

    private static RazorpayConfig razorpay(Config.RazorpaySettings r, Optional<Sandbox> sandbox) {
        RazorpayConfig config = RazorpayConfig.of(r.keyId(), r.keySecret().value(), r.webhookSecret().value());
        if (sandbox.flatMap(Sandbox::razorpay).isPresent()) {
            var emulator = sandbox.get().razorpay().get();
            config = config.withBaseUrl(emulator.baseUri()).withCheckoutScript(emulator.checkoutScriptUri());
        }
        config = r.baseUrl().map(URI::create).map(config::withBaseUrl).orElse(config);
        config = r.checkoutScript().map(URI::create).map(config::withCheckoutScript).orElse(config);
        return r.payeeVpa().isPresent() ? config.withPayee(r.payeeVpa().get(), r.payeeName()) : config;
    }

    private static StripeConfig stripe(Config.StripeSettings s, Optional<Sandbox> sandbox, String success,
                                       String cancel) {
        StripeConfig config = StripeConfig.of(s.secretKey().value(), s.webhookSecret().value(), success, cancel);
        Optional<String> base = s.apiBase().or(() -> sandbox.flatMap(Sandbox::stripe).map(e -> e.apiBase()));
        return base.map(config::withApiBase).orElse(config);
    }

    private static CoinbaseConfig coinbase(Config.CoinbaseSettings c, Optional<Sandbox> sandbox, String success,
                                           String cancel) {
        boolean business = c.variant().equals("business");
        CoinbaseConfig config = business
                ? CoinbaseConfig.business(c.apiKeyId(), c.apiSecret().value(), c.webhookSecret().value())
                : CoinbaseConfig.commerce(c.apiSecret().value(), c.webhookSecret().value());
        Optional<URI> base = c.baseUrl().map(URI::create).or(() -> sandbox.flatMap(Sandbox::coinbase)
                .map(e -> business ? e.businessApiUrl() : e.commerceApiUrl()));
        config = base.map(config::withBaseUrl).orElse(config);
        return config.withRedirects(success.replace("{PAYMENT_ID}", ""), cancel.replace("{PAYMENT_ID}", ""));
    }
}
