package dev.payledger.razorpay;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach one Razorpay account. Immutable; {@link #toString()} never shows a secret.
 *
 * @param keyId          the API key id ({@code rzp_test_…} or {@code rzp_live_…}); sent to the checkout page
 * @param keySecret      the API key secret: Basic auth and the checkout callback signature; never leaves the server
 * @param webhookSecret  the secret set on the Dashboard's webhook: {@code X-Razorpay-Signature}
 * @param baseUrl        {@code https://api.razorpay.com}, or the sandbox emulator
 * @param checkoutScript {@code https://checkout.razorpay.com/v1/checkout.js}, or the sandbox's stand-in
 * @param payeeVpa       the UPI address QR payments go to; null: no UPI intent is offered
 * @param payeeName      shown in Checkout and as the UPI payee name
 * @param autoCapture    whether the account captures authorized payments itself (the Dashboard's setting)
 * @param connectTimeout how long to wait for a connection (at most a minute)
 * @param requestTimeout how long to wait for an answer (at most a minute)
 */
public record RazorpayConfig(String keyId, String keySecret, String webhookSecret, URI baseUrl, URI checkoutScript,
                             String payeeVpa, String payeeName, boolean autoCapture, Duration connectTimeout,
                             Duration requestTimeout) {
    public static final URI LIVE_API = URI.create("https://api.razorpay.com");
    public static final URI LIVE_CHECKOUT_SCRIPT = URI.create("https://checkout.razorpay.com/v1/checkout.js");
    private static final Pattern VPA = Pattern.compile("[A-Za-z0-9._-]{2,256}@[A-Za-z0-9.-]{2,64}");
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

    public RazorpayConfig {
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalArgumentException("Razorpay key id is not set (Dashboard > Account & Settings > API Keys)");
        }
        if (!keyId.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("Razorpay key id has characters a key id never has (rzp_test_… or rzp_live_…)");
        }
        requireSecret(keySecret, "Razorpay key secret", "Dashboard > Account & Settings > API Keys");
        requireSecret(webhookSecret, "Razorpay webhook secret", "the secret you typed on Dashboard > Webhooks");
        requireHttpUrl(baseUrl, "Razorpay base URL");
        requireHttpUrl(checkoutScript, "Razorpay checkout script URL");
        if (payeeVpa != null && !VPA.matcher(payeeVpa).matches()) {
            throw new IllegalArgumentException("Razorpay payee VPA is not a UPI address (name@handle): " + payeeVpa);
        }
        if (payeeName == null || payeeName.isBlank()) {
            throw new IllegalArgumentException("Razorpay payee name is required (shown in Checkout and UPI apps)");
        }
        requireTimeout(connectTimeout, "connect timeout");
        requireTimeout(requestTimeout, "request timeout");
    }

    /** Live endpoints, no UPI payee, auto-capture on, 5 s to connect and 15 s to answer. */
    public static RazorpayConfig of(String keyId, String keySecret, String webhookSecret) {
        return new RazorpayConfig(keyId, keySecret, webhookSecret, LIVE_API, LIVE_CHECKOUT_SCRIPT, null, "PayLedger",
                true, Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    public RazorpayConfig withBaseUrl(URI url) {
        return new RazorpayConfig(keyId, keySecret, webhookSecret, url, checkoutScript, payeeVpa, payeeName,
                autoCapture, connectTimeout, requestTimeout);
    }

    public RazorpayConfig withCheckoutScript(URI url) {
        return new RazorpayConfig(keyId, keySecret, webhookSecret, baseUrl, url, payeeVpa, payeeName, autoCapture,
                connectTimeout, requestTimeout);
    }

    /** Offers UPI QR payments to {@code vpa}; {@code name} is shown to the payer. */
    public RazorpayConfig withPayee(String vpa, String name) {
        return new RazorpayConfig(keyId, keySecret, webhookSecret, baseUrl, checkoutScript, vpa, name, autoCapture,
                connectTimeout, requestTimeout);
    }

    public RazorpayConfig withAutoCapture(boolean on) {
        return new RazorpayConfig(keyId, keySecret, webhookSecret, baseUrl, checkoutScript, payeeVpa, payeeName, on,
                connectTimeout, requestTimeout);
    }

    public RazorpayConfig withTimeouts(Duration connect, Duration request) {
        return new RazorpayConfig(keyId, keySecret, webhookSecret, baseUrl, checkoutScript, payeeVpa, payeeName,
                autoCapture, connect, request);
    }

    /** True for a test-mode key ({@code rzp_test_…}): no real money moves. */
    public boolean testMode() {
        return keyId.startsWith("rzp_test_");
    }

    @Override
    public String toString() {
        return "RazorpayConfig[keyId=" + keyId + ", keySecret=***, webhookSecret=***, baseUrl=" + baseUrl
                + ", checkoutScript=" + checkoutScript + ", payeeVpa=" + payeeVpa + ", payeeName=" + payeeName
                + ", autoCapture=" + autoCapture + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + "]";
    }

    private static void requireSecret(String secret, String what, String where) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(what + " is not set: copy it from " + where);
        }
        if (!secret.strip().equals(secret)) {
            throw new IllegalArgumentException(what + " has leading or trailing whitespace (a copy-paste slip?)");
        }
    }

    private static void requireHttpUrl(URI url, String what) {
        Objects.requireNonNull(url, what);
        if (!url.isAbsolute() || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            throw new IllegalArgumentException(what + " must be an absolute http(s) URL: " + url);
        }
    }

    private static void requireTimeout(Duration timeout, String what) {
        Objects.requireNonNull(timeout, what);
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("Razorpay " + what + " must be between 0 and 1 minute: " + timeout);
        }
    }
}
