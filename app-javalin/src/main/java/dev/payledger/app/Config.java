package dev.payledger.app;

import dev.payledger.core.payment.InboxPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the service is configured with, read once at start-up from {@link Settings}. In sandbox mode
 * (the default when no provider key is configured) missing provider values are the emulators' fixed test
 * values. Immutable; {@link #toString()} shows no secret.
 *
 * @param publicUrl        how the service is reached from outside (webhook targets, return URLs); empty: this host
 * @param sandbox          run the emulators and the demo login; refused when a live-looking key is configured
 * @param defaultProviders currency code → provider used when a checkout names none
 * @param checkoutsPerMinute per-user limit on checkout creation
 * @param webhookBodyLimit largest webhook body accepted, in bytes
 * @param inboxPolicy      how failed webhook events are retried before they stay FAILED for an operator
 * @param httpThreads      most threads the HTTP server runs requests on (more requests wait in its queue)
 */
public record Config(String host, int port, Optional<String> publicUrl, boolean sandbox, Database database,
                     Jwt jwt, Optional<RazorpaySettings> razorpay, Optional<StripeSettings> stripe,
                     Optional<CoinbaseSettings> coinbase, Map<String, String> defaultProviders,
                     Optional<Path> catalogFile, int checkoutsPerMinute, long webhookBodyLimit,
                     Duration reconcileInterval, Duration inboxInterval, InboxPolicy inboxPolicy,
                     Optional<String> successUrl, Optional<String> cancelUrl, Optional<Notifications> notifications,
                     int httpThreads) {
    /** Default of {@code PAYLEDGER_HTTP_THREADS}: twice the database pool's 16 connections (docs/operations.md, Memory). */
    public static final int DEFAULT_HTTP_THREADS = 32;

    /** Reads the process environment (and the file it names). */
    public static Config fromEnvironment() {
        return from(Settings.load(System.getenv()));
    }

    public static Config from(Settings settings) {
        return ConfigReader.read(settings);
    }

    /** The URL people and providers use to reach this service once it listens on {@code actualPort}. */
    public String baseUrl(int actualPort) {
        return publicUrl.orElseGet(() -> "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + actualPort);
    }

    /** Database: an external PostgreSQL ({@code url}) or the embedded one under {@code dataDir}. */
    /** Signed notifications to the host application (the outbox as webhooks): where, and the HMAC secret. */
    public record Notifications(java.net.URI url, Secret secret) {
    }

    public record Database(Optional<String> url, Optional<String> user, Optional<Secret> password, Path dataDir,
                           int poolSize) {
        public boolean embedded() {
            return url.isEmpty();
        }
    }

    /**
     * Bearer token checks: HS256 with {@code secret}, or {@code algorithm} (RS256, ES256) with {@code publicKeyPem}.
     * In sandbox mode with neither, a secret is generated and kept under the data directory.
     */
    public record Jwt(String algorithm, Optional<Secret> secret, Optional<String> publicKeyPem, Optional<String> issuer) {
    }

    public record RazorpaySettings(String keyId, Secret keySecret, Secret webhookSecret, Optional<String> baseUrl,
                                   Optional<String> checkoutScript, Optional<String> payeeVpa, String payeeName) {
    }

    public record StripeSettings(Secret secretKey, Secret webhookSecret, Optional<String> apiBase) {
    }

    public record CoinbaseSettings(String variant, String apiKeyId, Secret apiSecret, Secret webhookSecret,
                                   Optional<String> baseUrl) {
    }

    static Map<String, String> parseDefaults(String text) {
        Map<String, String> defaults = new TreeMap<>();
        for (String pair : text.split(",")) {
            String[] parts = pair.trim().split(":");
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new ConfigException("PAYLEDGER_DEFAULT_PROVIDERS must look like INR:razorpay,USD:stripe, got " + text);
            }
            defaults.put(parts[0].trim().toUpperCase(Locale.ROOT), parts[1].trim().toLowerCase(Locale.ROOT));
        }
        return defaults;
    }
}
