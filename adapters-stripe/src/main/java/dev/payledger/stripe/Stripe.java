package dev.payledger.stripe;

import com.stripe.StripeClient;
import dev.payledger.core.payment.PaymentProvider;
import dev.payledger.core.payment.ReconcilePolicy;

import java.time.Clock;

/** Builds the Stripe {@link PaymentProvider} from configuration. */
public final class Stripe {
    /** The provider's name in configuration and on payments. */
    public static final String NAME = "stripe";

    private Stripe() {
    }

    /** The gateway and webhook verifier for one account, on the system clock. */
    public static PaymentProvider provider(StripeConfig config) {
        return provider(config, Clock.systemUTC());
    }

    public static PaymentProvider provider(StripeConfig config, Clock clock) {
        return new PaymentProvider(NAME, new StripeGateway(client(config), config, clock),
                new StripeWebhookVerifier(config.webhookSecret(), config.tolerance()), ReconcilePolicy.cards());
    }

    /**
     * A stripe-java client for the configured account. Against an emulator every base (API, connect, files,
     * meter events) points at it, so nothing can reach the real Stripe by accident.
     */
    public static StripeClient client(StripeConfig config) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(config.secretKey())
                .setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(config.readTimeout().toMillis()))
                .setMaxNetworkRetries(config.maxNetworkRetries());
        if (!config.isLive()) {
            builder.setApiBase(config.apiBase()).setConnectBase(config.apiBase()).setFilesBase(config.apiBase())
                    .setMeterEventsBase(config.apiBase());
        }
        return builder.build();
    }
}
