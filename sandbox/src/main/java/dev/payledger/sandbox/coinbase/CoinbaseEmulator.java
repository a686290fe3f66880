package dev.payledger.sandbox.coinbase;

import dev.payledger.sandbox.ApiFaults;
import dev.payledger.sandbox.EmulatorServer;
import dev.payledger.sandbox.WebhookDispatcher;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A local stand-in for Coinbase: the Business checkouts / payment-links API (under {@code /api/v1} and
 * {@code /sandbox/api/v1}), the legacy Commerce charges API (under {@code /charges}), a hosted payment page per
 * checkout or charge ({@code /pay/{id}}) and signed webhooks in both formats through a {@link WebhookDispatcher}.
 * The fixed test credentials below are registered at start; the app can use them as they are. In-memory,
 * loopback only, thread-safe.
 */
public final class CoinbaseEmulator implements AutoCloseable {
    /** Key id of the sandbox's Ed25519 CDP API key (a test value, not a real key). */
    public static final String TEST_API_KEY_ID = "7e57c0de-cb00-4000-8000-000000000001";
    /** Its secret: base64 of seed ‖ public key; the seed is the ASCII text {@code payledger-sandbox-coinbase-key!!}. */
    public static final String TEST_API_SECRET =
            "cGF5bGVkZ2VyLXNhbmRib3gtY29pbmJhc2Uta2V5ISE3cg47uT7T29VgNH7TwD14o7ZbaCRGyxTzxnbsfTuSLA==";
    /** Key id of the sandbox's ES256 CDP API key (a test value). */
    public static final String TEST_EC_API_KEY_ID = "7e57c0de-cb00-4000-8000-000000000002";
    /** Its secret, an EC P-256 key in SEC1 PEM as Coinbase hands them out (a test key, never used anywhere real). */
    public static final String TEST_EC_API_SECRET = "-----BEGIN EC PRIVATE KEY-----\n"
            + "MHcCAQEEIMROkw88VzmzY/ILuWfaF94fUNKg5AFzxFqUxLnMQKykoAoGCCqGSM49\n"
            + "AwEHoUQDQgAEE35k5WZs9x+ranANF/AgLqitEkeDbXPavaRd5aD7dpa25rEUoC+4\n"
            + "HtoEerPUrRLzmC81JJrBnf18/r/rXye61g==\n"
            + "-----END EC PRIVATE KEY-----\n";
    private static final String TEST_EC_PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEE35k5WZs9x+ranANF/AgLqitEkeD"
            + "bXPavaRd5aD7dpa25rEUoC+4HtoEerPUrRLzmC81JJrBnf18/r/rXye61g==";
    /** The Business webhook subscription secret the emulator signs with. */
    public static final String TEST_WEBHOOK_SECRET = "sandbox-coinbase-webhook-secret";
    /** The legacy Commerce API key ({@code X-CC-Api-Key}). */
    public static final String TEST_COMMERCE_API_KEY = "sandbox-commerce-api-key";
    /** The legacy Commerce webhook shared secret. */
    public static final String TEST_COMMERCE_WEBHOOK_SECRET = "sandbox-commerce-webhook-secret";

    private final EmulatorServer server;
    private final WebhookDispatcher dispatcher;
    private final ScheduledExecutorService scheduler;
    private final JwtCheck jwt;
    private final CoinbaseWebhooks webhooks;
    private final BusinessApi business;
    private final CommerceApi commerce;
    private volatile Duration confirmationDelay = Duration.ZERO;
    private volatile boolean failRefunds;

    private CoinbaseEmulator(int port, Clock clock) {
        server = EmulatorServer.start("coinbase", port);
        dispatcher = new WebhookDispatcher("coinbase", clock::instant, Duration.ofMillis(200));
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "coinbase-confirmations");
            thread.setDaemon(true);
            return thread;
        });
        jwt = new JwtCheck(clock);
        jwt.register(TEST_API_KEY_ID, ed25519PublicKey(TEST_API_SECRET));
        jwt.register(TEST_EC_API_KEY_ID, publicKey("EC", Base64.getDecoder().decode(TEST_EC_PUBLIC_KEY)));
        webhooks = new CoinbaseWebhooks(dispatcher, clock, TEST_WEBHOOK_SECRET, TEST_COMMERCE_WEBHOOK_SECRET);
        business = new BusinessApi(jwt, clock, webhooks, scheduler, () -> confirmationDelay, () -> failRefunds,
                server.baseUri());
        commerce = new CommerceApi(TEST_COMMERCE_API_KEY, clock, webhooks, scheduler, () -> confirmationDelay,
                server.baseUri());
        business.register(server);
        commerce.register(server);
        new HostedPage(this, business, commerce).register(server);
    }

    /** Starts on {@code 127.0.0.1:port} ({@code 0}: any free port) with the system clock. */
    public static CoinbaseEmulator start(int port) {
        return start(port, Clock.systemUTC());
    }

    /** Starts with {@code clock} for JWT checks, expiry and webhook timestamps. */
    public static CoinbaseEmulator start(int port, Clock clock) {
        return new CoinbaseEmulator(port, clock);
    }

    public URI baseUri() {
        return server.baseUri();
    }

    /** The Business API base, like {@code https://business.coinbase.com/api/v1}. */
    public URI businessApiUrl() {
        return URI.create(server.baseUri() + "/api/v1");
    }

    /** The Commerce API base, like {@code https://api.commerce.coinbase.com}. */
    public URI commerceApiUrl() {
        return server.baseUri();
    }

    /** Where webhooks (both formats) are delivered; null to record them only. */
    public CoinbaseEmulator webhookTarget(URI url) {
        dispatcher.target(url);
        return this;
    }

    public WebhookDispatcher webhooks() {
        return dispatcher;
    }

    public ApiFaults apiFaults() {
        return server.faults();
    }

    /** Accepts request JWTs signed by {@code publicKey} (EC P-256 or Ed25519) under {@code keyId}. */
    public CoinbaseEmulator registerApiKey(String keyId, PublicKey publicKey) {
        jwt.register(keyId, publicKey);
        return this;
    }

    /** Replaces the webhook secrets and the Commerce API key (defaults: the TEST_ constants). */
    public CoinbaseEmulator secrets(String webhookSecret, String commerceApiKey, String commerceWebhookSecret) {
        webhooks.secrets(webhookSecret, commerceWebhookSecret);
        commerce.apiKey(commerceApiKey);
        return this;
    }

    /** Confirmations take a while: a paid checkout stays PROCESSING (a charge PENDING) this long. */
    public CoinbaseEmulator confirmationDelay(Duration delay) {
        this.confirmationDelay = delay;
        return this;
    }

    /** Signs Business webhooks with a timestamp this far off the clock (to test stale-timestamp rejection). */
    public CoinbaseEmulator webhookTimestampSkew(Duration skew) {
        webhooks.timestampSkew(skew);
        return this;
    }

    /** Sends a correct {@code v0} beside a wrong {@code v1} in {@code X-Hook0-Signature}. */
    public CoinbaseEmulator corruptV1(boolean on) {
        webhooks.corruptV1(on);
        return this;
    }

    /** Refunds end FAILED (with {@code checkout.refund.failed}) instead of COMPLETED. */
    public CoinbaseEmulator failRefunds(boolean on) {
        this.failRefunds = on;
        return this;
    }

    /** The payer pays checkout, payment link or charge {@code id} (a charge also by its code). */
    public void pay(String id) {
        if (business.get(id).isPresent()) {
            business.pay(id, false);
        } else {
            commerce.pay(id, false);
        }
    }

    /** A payment arrives after expiry: a charge goes UNRESOLVED/DELAYED ({@code charge:delayed}); a checkout completes. */
    public void payLate(String id) {
        if (business.get(id).isPresent()) {
            business.pay(id, true);
        } else {
            commerce.pay(id, true);
        }
    }

    public void fail(String id) {
        if (business.get(id).isPresent()) {
            business.fail(id);
        } else {
            commerce.fail(id);
        }
    }

    public void expire(String id) {
        if (business.get(id).isPresent()) {
            business.expire(id);
        } else {
            commerce.expire(id);
        }
    }

    /** Marks an unresolved charge resolved ({@code charge:resolved}). */
    public void resolve(String chargeIdOrCode) {
        commerce.resolve(chargeIdOrCode);
    }

    /** The status as the API shows it: a checkout's {@code status}, or a charge's last timeline status. */
    public Optional<String> status(String id) {
        return business.get(id).map(state -> state.toJson().path("status").asText())
                .or(() -> commerce.find(id).map(CommerceApi::status));
    }

    @Override
    public void close() {
        dispatcher.close();
        scheduler.shutdownNow();
        server.close();
    }

    private static PublicKey ed25519PublicKey(String secret) {
        byte[] raw = Arrays.copyOfRange(Base64.getDecoder().decode(secret), 32, 64);
        return publicKey("Ed25519", concat(HexFormat.of().parseHex("302a300506032b6570032100"), raw));
    }

    private static PublicKey publicKey(String algorithm, byte[] x509) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the sandbox's " + algorithm + " test key", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
