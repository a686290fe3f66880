package dev.payledger.stripe;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How PayLedger talks to one Stripe account. Immutable; {@link #toString()} never shows the secrets.
 *
 * @param secretKey         the secret API key ({@code sk_test_…}, {@code sk_live_…} or a restricted {@code rk_…})
 * @param webhookSecret     the webhook endpoint's signing secret ({@code whsec_…})
 * @param apiBase           where the API lives: {@link #LIVE_API_BASE}, or the sandbox emulator's base URL
 * @param successUrl        where Checkout sends the payer after paying; may hold {@code {PAYMENT_ID}} (our id)
 *                          and {@code {CHECKOUT_SESSION_ID}} (filled in by Stripe)
 * @param cancelUrl         where Checkout sends the payer who goes back; same placeholders
 * @param tolerance         how far a webhook's signed timestamp may be from its arrival, in either direction
 * @param connectTimeout    TCP connect timeout for API calls
 * @param readTimeout       read timeout for API calls
 * @param maxNetworkRetries how often stripe-java retries a failed call (with our idempotency keys, safely)
 */
public record StripeConfig(String secretKey, String webhookSecret, String apiBase, String successUrl, String cancelUrl,
                           Duration tolerance, Duration connectTimeout, Duration readTimeout, int maxNetworkRetries) {
    public static final String LIVE_API_BASE = "https://api.stripe.com";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    public StripeConfig {
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("Stripe: the secret API key is not configured (sk_test_… or sk_live_…)");
        }
        if (!secretKey.startsWith("sk_") && !secretKey.startsWith("rk_")) {
            throw new IllegalArgumentException("Stripe: the configured secret API key does not start with sk_ or rk_ "
                    + "(is it the publishable pk_ key?)");
        }
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("Stripe: the webhook signing secret is not configured (whsec_…, shown "
                    + "on the webhook endpoint's page in the Dashboard)");
        }
        if (!webhookSecret.startsWith("whsec_")) {
            throw new IllegalArgumentException("Stripe: the configured webhook signing secret does not start with whsec_");
        }
        apiBase = apiBase == null || apiBase.isBlank() ? LIVE_API_BASE : stripTrailingSlash(apiBase.trim());
        requireHttpUrl(apiBase, "API base");
        requireHttpUrl(Objects.requireNonNull(successUrl, "successUrl"), "success URL");
        requireHttpUrl(Objects.requireNonNull(cancelUrl, "cancelUrl"), "cancel URL");
        requirePositive(tolerance, "webhook tolerance");
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(readTimeout, "read timeout");
        if (maxNetworkRetries < 0) {
            throw new IllegalArgumentException("Stripe: max network retries cannot be negative");
        }
    }

    /** Live Stripe, 5 minutes' webhook tolerance, 10 s connect and 30 s read timeouts, 2 retries. */
    public static StripeConfig of(String secretKey, String webhookSecret, String successUrl, String cancelUrl) {
        return new StripeConfig(secretKey, webhookSecret, LIVE_API_BASE, successUrl, cancelUrl, DEFAULT_TOLERANCE,
                Duration.ofSeconds(10), Duration.ofSeconds(30), 2);
    }

    public StripeConfig withApiBase(String base) {
        return new StripeConfig(secretKey, webhookSecret, base, successUrl, cancelUrl, tolerance, connectTimeout,
                readTimeout, maxNetworkRetries);
    }

    public StripeConfig withTolerance(Duration newTolerance) {
        return new StripeConfig(secretKey, webhookSecret, apiBase, successUrl, cancelUrl, newTolerance, connectTimeout,
                readTimeout, maxNetworkRetries);
    }

    public StripeConfig withNetwork(Duration newConnectTimeout, Duration newReadTimeout, int retries) {
        return new StripeConfig(secretKey, webhookSecret, apiBase, successUrl, cancelUrl, tolerance, newConnectTimeout,
                newReadTimeout, retries);
    }

    /** True when the API base is Stripe itself (not an emulator). */
    public boolean isLive() {
        return LIVE_API_BASE.equals(apiBase);
    }

    /** True for {@code sk_test_}/{@code rk_test_} keys. */
    public boolean isTestMode() {
        return secretKey.startsWith("sk_test_") || secretKey.startsWith("rk_test_");
    }

    @Override
    public String toString() {
        return "StripeConfig[apiBase=" + apiBase + ", mode=" + (isTestMode() ? "test" : "live") + ", successUrl="
                + successUrl + ", cancelUrl=" + cancelUrl + ", tolerance=" + tolerance + ", secretKey=***"
                + ", webhookSecret=***]";
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void requireHttpUrl(String url, String what) {
        String scheme;
        try {
            scheme = URI.create(url.replace("{", "%7B").replace("}", "%7D")).getScheme();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Stripe: the " + what + " is not a URL: " + url);
        }
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalArgumentException("Stripe: the " + what + " must be an http(s) URL: " + url);
        }
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("Stripe: the " + what + " must be positive");
        }
    }
}
