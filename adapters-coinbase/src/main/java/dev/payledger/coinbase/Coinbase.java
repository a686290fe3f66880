package dev.payledger.coinbase;

import dev.payledger.core.payment.PaymentProvider;
import dev.payledger.core.payment.ReconcilePolicy;

import java.time.Clock;

/** Builds the Coinbase {@link PaymentProvider} for a configuration. */
public final class Coinbase {
    /** The provider's name in configuration, on payments and in the webhook route. */
    public static final String PROVIDER = "coinbase";

    private Coinbase() {
    }

    /**
     * The gateway and webhook verifier of the configured variant, with the crypto reconcile policy (confirmations
     * take minutes, so the reconciler waits longer before asking).
     *
     * @throws IllegalArgumentException when a secret is missing or the API secret cannot be read (the message
     *                                  never contains the secret)
     */
    public static PaymentProvider provider(CoinbaseConfig config) {
        return provider(config, Clock.systemUTC());
    }

    /** As {@link #provider(CoinbaseConfig)}, with {@code clock} for the request JWTs' {@code nbf}/{@code exp}. */
    public static PaymentProvider provider(CoinbaseConfig config, Clock clock) {
        return switch (config.variant()) {
            case BUSINESS -> new PaymentProvider(PROVIDER, new CoinbaseGateway(config, clock),
                    new CoinbaseWebhookVerifier(config.webhookSecret()), ReconcilePolicy.crypto());
            case COMMERCE -> new PaymentProvider(PROVIDER, new CommerceGateway(config),
                    new CommerceWebhookVerifier(config.webhookSecret()), ReconcilePolicy.crypto());
        };
    }
}
