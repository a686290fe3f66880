package dev.payledger.coinbase;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to reach Coinbase. Immutable; {@link #toString()} never shows a secret.
 *
 * @param variant          Coinbase Business (default) or the legacy Commerce charges API
 * @param apiKeyId         Business: the CDP API key id (a UUID, or {@code organizations/…/apiKeys/…}); unused for
 *                         Commerce (may be empty)
 * @param apiSecret        Business: the CDP key secret, an EC P-256 PEM ({@code ES256}) or the base64 64-byte
 *                         Ed25519 secret ({@code EdDSA}); Commerce: the {@code X-CC-Api-Key}
 * @param webhookSecret    Business: the webhook subscription's secret; Commerce: the shared webhook secret
 * @param baseUrl          the API base: {@code https://business.coinbase.com/api/v1} (or {@code …/sandbox/api/v1}),
 *                         {@code https://api.commerce.coinbase.com}, or an emulator
 * @param resourcePath     Business only: {@code checkouts} (default) or the deprecated {@code payment-links}
 * @param currency         Business only: the {@code currency} sent on create: {@code USD} (default; also EUR, GBP,
 *                         SGD), converted to USDC by Coinbase, or {@code USDC} for a USD amount sent 1:1 as USDC
 * @param successRedirectUrl where the hosted page sends the payer after paying, if anywhere
 * @param failRedirectUrl  where it sends the payer after a failure (Commerce: {@code cancel_url}), if anywhere
 */
public record CoinbaseConfig(Variant variant, String apiKeyId, String apiSecret, String webhookSecret, URI baseUrl,
                             String resourcePath, String currency, Optional<String> successRedirectUrl,
                             Optional<String> failRedirectUrl, Duration connectTimeout, Duration requestTimeout,
                             int rateLimitRetries, Duration rateLimitBackoff) {
    public static final URI BUSINESS_API = URI.create("https://business.coinbase.com/api/v1");
    public static final URI BUSINESS_SANDBOX_API = URI.create("https://business.coinbase.com/sandbox/api/v1");
    public static final URI COMMERCE_API = URI.create("https://api.commerce.coinbase.com");
    static final Set<String> CURRENCIES = Set.of("USD", "EUR", "GBP", "SGD", "USDC");

    /** Which Coinbase API the adapter speaks. */
    public enum Variant {
        /** Coinbase Business checkouts or payment links (US and Singapore businesses). */
        BUSINESS,
        /** The retired Coinbase Commerce charges API, as the original design used it. */
        COMMERCE
    }

    public CoinbaseConfig {
        Objects.requireNonNull(variant, "variant");
        requireSecret(apiSecret, variant == Variant.BUSINESS ? "Coinbase API key secret" : "Coinbase Commerce API key");
        requireSecret(webhookSecret, "Coinbase webhook secret");
        apiKeyId = apiKeyId == null ? "" : apiKeyId.trim();
        if (variant == Variant.BUSINESS && apiKeyId.isEmpty()) {
            throw new IllegalArgumentException("Coinbase API key id is required (the CDP key's id or name)");
        }
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!Set.of("checkouts", "payment-links").contains(resourcePath)) {
            throw new IllegalArgumentException("Coinbase resource path must be checkouts or payment-links");
        }
        if (!CURRENCIES.contains(currency)) {
            throw new IllegalArgumentException("Coinbase currency must be one of " + CURRENCIES);
        }
        successRedirectUrl = successRedirectUrl == null ? Optional.empty() : successRedirectUrl;
        failRedirectUrl = failRedirectUrl == null ? Optional.empty() : failRedirectUrl;
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(rateLimitBackoff, "rateLimitBackoff");
        if (rateLimitRetries < 0 || rateLimitRetries > 10) {
            throw new IllegalArgumentException("rateLimitRetries must be between 0 and 10");
        }
    }

    /** Coinbase Business checkouts in USD against the production API; change with the {@code with…} methods. */
    public static CoinbaseConfig business(String apiKeyId, String apiSecret, String webhookSecret) {
        return new CoinbaseConfig(Variant.BUSINESS, apiKeyId, apiSecret, webhookSecret, BUSINESS_API, "checkouts",
                "USD", Optional.empty(), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(20), 3,
                Duration.ofMillis(500));
    }

    /** The legacy Commerce charges API. */
    public static CoinbaseConfig commerce(String apiKey, String webhookSecret) {
        return new CoinbaseConfig(Variant.COMMERCE, "", apiKey, webhookSecret, COMMERCE_API, "checkouts", "USD",
                Optional.empty(), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(20), 3,
                Duration.ofMillis(500));
    }

    public CoinbaseConfig withBaseUrl(URI url) {
        return new CoinbaseConfig(variant, apiKeyId, apiSecret, webhookSecret, url, resourcePath, currency,
                successRedirectUrl, failRedirectUrl, connectTimeout, requestTimeout, rateLimitRetries, rateLimitBackoff);
    }

    public CoinbaseConfig withResourcePath(String path) {
        return new CoinbaseConfig(variant, apiKeyId, apiSecret, webhookSecret, baseUrl, path, currency,
                successRedirectUrl, failRedirectUrl, connectTimeout, requestTimeout, rateLimitRetries, rateLimitBackoff);
    }

    public CoinbaseConfig withCurrency(String code) {
        return new CoinbaseConfig(variant, apiKeyId, apiSecret, webhookSecret, baseUrl, resourcePath, code,
                successRedirectUrl, failRedirectUrl, connectTimeout, requestTimeout, rateLimitRetries, rateLimitBackoff);
    }

    /** Redirect URLs for the hosted page; null for none. */
    public CoinbaseConfig withRedirects(String success, String fail) {
        return new CoinbaseConfig(variant, apiKeyId, apiSecret, webhookSecret, baseUrl, resourcePath, currency,
                Optional.ofNullable(success), Optional.ofNullable(fail), connectTimeout, requestTimeout,
                rateLimitRetries, rateLimitBackoff);
    }

    public CoinbaseConfig withTimeouts(Duration connect, Duration request) {
        return new CoinbaseConfig(variant, apiKeyId, apiSecret, webhookSecret, baseUrl, resourcePath, currency,
                successRedirectUrl, failRedirectUrl, connect, request, rateLimitRetries, rateLimitBackoff);
    }

    /** On HTTP 429, retry up to {@code retries} times, waiting {@code backoff}, then twice that, and so on. */
    public CoinbaseConfig withRateLimitRetries(int retries, Duration backoff) {
        return new CoinbaseConfig(variant, apiKeyId, apiSecret, webhookSecret, baseUrl, resourcePath, currency,
                successRedirectUrl, failRedirectUrl, connectTimeout, requestTimeout, retries, backoff);
    }

    @Override
    public String toString() {
        return "CoinbaseConfig[variant=" + variant + ", apiKeyId=" + apiKeyId + ", apiSecret=***, webhookSecret=***"
                + ", baseUrl=" + baseUrl + ", resourcePath=" + resourcePath + ", currency=" + currency + "]";
    }

    private static void requireSecret(String secret, String what) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(what + " is missing or blank; set it in the configuration");
        }
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }
}
