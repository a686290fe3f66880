package dev.payledger.app;

import dev.payledger.core.payment.InboxPolicy;
import dev.payledger.jdbc.DataSources;
import dev.payledger.sandbox.coinbase.CoinbaseEmulator;
import dev.payledger.sandbox.razorpay.RazorpayEmulator;
import dev.payledger.sandbox.stripe.StripeEmulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns {@link Settings} into a checked {@link Config}: fails fast, naming variables and never secret values. */
final class ConfigReader {
    private ConfigReader() {
    }

    static Config read(Settings s) {
        boolean anyKey = s.has("PAYLEDGER_RAZORPAY_KEY_ID") || s.has("PAYLEDGER_STRIPE_SECRET_KEY")
                || s.has("PAYLEDGER_COINBASE_API_SECRET");
        boolean sandbox = s.flag("PAYLEDGER_SANDBOX").orElse(!anyKey);
        if (sandbox) {
            refuseLiveKeys(s);
        }
        String host = s.text("PAYLEDGER_HOST", sandbox ? "127.0.0.1" : "0.0.0.0");
        int port = (int) s.number("PAYLEDGER_PORT", 8080, 0, 65535);
        Config.Database database = new Config.Database(s.text("PAYLEDGER_DB_URL"), s.text("PAYLEDGER_DB_USER"),
                s.secret("PAYLEDGER_DB_PASSWORD"), Path.of(s.text("PAYLEDGER_DATA_DIR", "data")),
                (int) s.number("PAYLEDGER_DB_POOL_SIZE", DataSources.DEFAULT_POOL_SIZE, 4, 200));
        Optional<Config.RazorpaySettings> razorpay = razorpay(s, sandbox);
        Optional<Config.StripeSettings> stripe = stripe(s, sandbox);
        Optional<Config.CoinbaseSettings> coinbase = coinbase(s, sandbox);
        if (!sandbox && razorpay.isEmpty() && stripe.isEmpty() && coinbase.isEmpty()) {
            throw new ConfigException("No payment provider is enabled: configure PAYLEDGER_RAZORPAY_*, "
                    + "PAYLEDGER_STRIPE_* or PAYLEDGER_COINBASE_* (or leave them all unset for sandbox mode)");
        }
        Map<String, String> defaults = Config.parseDefaults(s.text("PAYLEDGER_DEFAULT_PROVIDERS",
                defaultProviders(razorpay.isPresent(), stripe.isPresent(), coinbase.isPresent())));
        return new Config(host, port, s.text("PAYLEDGER_PUBLIC_URL").map(ConfigReader::trimSlash), sandbox, database,
                jwt(s, sandbox), razorpay, stripe, coinbase, defaults,
                s.text("PAYLEDGER_CATALOG_FILE").map(Path::of),
                (int) s.number("PAYLEDGER_CHECKOUT_RATE_LIMIT", 10, 1, 100_000),
                s.number("PAYLEDGER_WEBHOOK_BODY_LIMIT", 256 * 1024, 1024, 16 * 1024 * 1024),
                s.duration("PAYLEDGER_RECONCILE_INTERVAL", Duration.ofMinutes(1)),
                s.duration("PAYLEDGER_INBOX_INTERVAL", Duration.ofSeconds(2)), inboxPolicy(s),
                s.text("PAYLEDGER_SUCCESS_URL"), s.text("PAYLEDGER_CANCEL_URL"), notifications(s),
                (int) s.number("PAYLEDGER_HTTP_THREADS", Config.DEFAULT_HTTP_THREADS, 16, 1000));
    }

    private static Optional<Config.Notifications> notifications(Settings s) {
        Optional<String> url = s.text("PAYLEDGER_NOTIFY_URL");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("PAYLEDGER_NOTIFY_URL is not a URL");
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?")) {
            throw new ConfigException("PAYLEDGER_NOTIFY_URL must be an http(s) URL");
        }
        Secret secret = s.secret("PAYLEDGER_NOTIFY_SECRET").orElseThrow(() -> new ConfigException(
                "PAYLEDGER_NOTIFY_URL is set but PAYLEDGER_NOTIFY_SECRET is not (a shared HMAC secret, at least 32 bytes)"));
        if (secret.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw new ConfigException("PAYLEDGER_NOTIFY_SECRET must be at least 32 bytes");
        }
        return Optional.of(new Config.Notifications(uri, secret));
    }

    private static InboxPolicy inboxPolicy(Settings s) {
        InboxPolicy defaults = InboxPolicy.defaults();
        Duration firstRetry = s.duration("PAYLEDGER_INBOX_FIRST_RETRY", defaults.firstRetry());
        return new InboxPolicy(firstRetry, defaults.maxDelay().compareTo(firstRetry) < 0 ? firstRetry : defaults.maxDelay(),
                (int) s.number("PAYLEDGER_INBOX_MAX_ATTEMPTS", defaults.maxAttempts(), 1, 100), defaults.lease());
    }

    private static void refuseLiveKeys(Settings s) {
        List<String> live = new ArrayList<>();
        if (s.text("PAYLEDGER_RAZORPAY_KEY_ID").filter(k -> k.startsWith("rzp_live_")).isPresent()) {
            live.add("PAYLEDGER_RAZORPAY_KEY_ID");
        }
        if (s.text("PAYLEDGER_STRIPE_SECRET_KEY").filter(k -> k.startsWith("sk_live_") || k.startsWith("rk_live_"))
                .isPresent()) {
            live.add("PAYLEDGER_STRIPE_SECRET_KEY");
        }
        if (!live.isEmpty()) {
            throw new ConfigException("Refusing sandbox mode: " + String.join(" and ", live)
                    + " hold(s) a live key. Use test keys in the sandbox, or set PAYLEDGER_SANDBOX=false.");
        }
    }

    private static Optional<Config.RazorpaySettings> razorpay(Settings s, boolean sandbox) {
        if (!enabled(s, "RAZORPAY", "PAYLEDGER_RAZORPAY_KEY_ID", sandbox)) {
            return Optional.empty();
        }
        String keyId = sandbox ? s.text("PAYLEDGER_RAZORPAY_KEY_ID", RazorpayEmulator.KEY_ID)
                : required(s, "PAYLEDGER_RAZORPAY_KEY_ID", "Razorpay");
        return Optional.of(new Config.RazorpaySettings(keyId,
                secret(s, "PAYLEDGER_RAZORPAY_KEY_SECRET", sandbox, RazorpayEmulator.KEY_SECRET, "Razorpay"),
                secret(s, "PAYLEDGER_RAZORPAY_WEBHOOK_SECRET", sandbox, RazorpayEmulator.WEBHOOK_SECRET, "Razorpay"),
                s.text("PAYLEDGER_RAZORPAY_BASE_URL"), s.text("PAYLEDGER_RAZORPAY_CHECKOUT_SCRIPT"),
                s.text("PAYLEDGER_RAZORPAY_PAYEE_VPA").or(() -> sandbox ? Optional.of("payledger@sandbox") : Optional.empty()),
                s.text("PAYLEDGER_RAZORPAY_PAYEE_NAME", "PayLedger")));
    }

    private static Optional<Config.StripeSettings> stripe(Settings s, boolean sandbox) {
        if (!enabled(s, "STRIPE", "PAYLEDGER_STRIPE_SECRET_KEY", sandbox)) {
            return Optional.empty();
        }
        return Optional.of(new Config.StripeSettings(
                secret(s, "PAYLEDGER_STRIPE_SECRET_KEY", sandbox, StripeEmulator.TEST_SECRET_KEY, "Stripe"),
                secret(s, "PAYLEDGER_STRIPE_WEBHOOK_SECRET", sandbox, StripeEmulator.TEST_WEBHOOK_SECRET, "Stripe"),
                s.text("PAYLEDGER_STRIPE_API_BASE")));
    }

    private static Optional<Config.CoinbaseSettings> coinbase(Settings s, boolean sandbox) {
        if (!enabled(s, "COINBASE", "PAYLEDGER_COINBASE_API_SECRET", sandbox)) {
            return Optional.empty();
        }
        String variant = s.text("PAYLEDGER_COINBASE_VARIANT", "business").toLowerCase(Locale.ROOT);
        if (!variant.equals("business") && !variant.equals("commerce")) {
            throw new ConfigException("PAYLEDGER_COINBASE_VARIANT must be business or commerce, got " + variant);
        }
        boolean business = variant.equals("business");
        String keyId = business ? (sandbox ? s.text("PAYLEDGER_COINBASE_API_KEY_ID", CoinbaseEmulator.TEST_API_KEY_ID)
                : required(s, "PAYLEDGER_COINBASE_API_KEY_ID", "Coinbase")) : "";
        return Optional.of(new Config.CoinbaseSettings(variant, keyId,
                secret(s, "PAYLEDGER_COINBASE_API_SECRET", sandbox,
                        business ? CoinbaseEmulator.TEST_API_SECRET : CoinbaseEmulator.TEST_COMMERCE_API_KEY, "Coinbase"),
                secret(s, "PAYLEDGER_COINBASE_WEBHOOK_SECRET", sandbox, business ? CoinbaseEmulator.TEST_WEBHOOK_SECRET
                        : CoinbaseEmulator.TEST_COMMERCE_WEBHOOK_SECRET, "Coinbase"),
                s.text("PAYLEDGER_COINBASE_BASE_URL")));
    }

    private static boolean enabled(Settings s, String name, String keyVariable, boolean sandbox) {
        return s.flag("PAYLEDGER_" + name + "_ENABLED").orElse(sandbox || s.has(keyVariable));
    }

    private static String required(Settings s, String key, String provider) {
        return s.text(key).orElseThrow(() -> new ConfigException(provider + " is enabled but " + key
                + " is not set (or set PAYLEDGER_" + provider.toUpperCase(Locale.ROOT) + "_ENABLED=false)"));
    }

    private static Secret secret(Settings s, String key, boolean sandbox, String sandboxValue, String provider) {
        if (sandbox) {
            return s.secret(key).orElse(new Secret(sandboxValue));
        }
        return new Secret(required(s, key, provider));
    }

    private static Config.Jwt jwt(Settings s, boolean sandbox) {
        Optional<Secret> secret = s.secret("PAYLEDGER_JWT_SECRET");
        Optional<String> publicKey = s.text("PAYLEDGER_JWT_PUBLIC_KEY");
        if (secret.isPresent() && publicKey.isPresent()) {
            throw new ConfigException("Set PAYLEDGER_JWT_SECRET or PAYLEDGER_JWT_PUBLIC_KEY, not both");
        }
        if (secret.isPresent() && secret.get().value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw new ConfigException("PAYLEDGER_JWT_SECRET must be at least 32 bytes for HS256");
        }
        if (secret.isEmpty() && publicKey.isEmpty() && !sandbox) {
            throw new ConfigException("No token verification configured: set PAYLEDGER_JWT_SECRET (HS256) or "
                    + "PAYLEDGER_JWT_PUBLIC_KEY (RS256/ES256 PEM, or a path to a PEM file)");
        }
        String algorithm = s.text("PAYLEDGER_JWT_ALGORITHM", publicKey.isPresent() ? "RS256" : "HS256")
                .toUpperCase(Locale.ROOT);
        if (publicKey.isPresent() ? !(algorithm.equals("RS256") || algorithm.equals("ES256")) : !algorithm.equals("HS256")) {
            throw new ConfigException("PAYLEDGER_JWT_ALGORITHM " + algorithm + " does not fit the configured key: "
                    + "HS256 with PAYLEDGER_JWT_SECRET, RS256 or ES256 with PAYLEDGER_JWT_PUBLIC_KEY");
        }
        return new Config.Jwt(algorithm, secret, publicKey.map(ConfigReader::pem), s.text("PAYLEDGER_JWT_ISSUER"));
    }

    private static String pem(String valueOrPath) {
        if (valueOrPath.contains("-----BEGIN")) {
            return valueOrPath.replace("\\n", "\n");
        }
        try {
            return java.nio.file.Files.readString(Path.of(valueOrPath));
        } catch (java.io.IOException e) {
            throw new ConfigException("PAYLEDGER_JWT_PUBLIC_KEY is neither a PEM nor a readable file: " + valueOrPath);
        }
    }

    private static String defaultProviders(boolean razorpay, boolean stripe, boolean coinbase) {
        String inr = razorpay ? "razorpay" : stripe ? "stripe" : "coinbase";
        String usd = stripe ? "stripe" : coinbase ? "coinbase" : "razorpay";
        return "INR:" + inr + ",USD:" + usd;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
