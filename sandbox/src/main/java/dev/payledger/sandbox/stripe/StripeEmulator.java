package dev.payledger.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.sandbox.ApiFaults;
import dev.payledger.sandbox.EmulatorServer;
import dev.payledger.sandbox.WebhookDispatcher;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A local Stripe: {@code POST /v1/checkout/sessions}, {@code GET /v1/checkout/sessions/{id}}, {@code POST
 * /v1/checkout/sessions/{id}/expire}, {@code POST /v1/refunds}, {@code GET /v1/refunds/{id}} and {@code GET
 * /v1/payment_intents/{id}} as stripe-java calls them; a hosted page per session ({@code /c/pay/{id}}, the
 * session's {@code url}); and webhooks signed with a {@code Stripe-Signature} header, delivered through a
 * {@link WebhookDispatcher} (set its target, use its knobs). State is in memory. Thread-safe.
 *
 * <p>Point stripe-java at it with {@code StripeClient.builder().setApiKey(TEST_SECRET_KEY)
 * .setApiBase(emulator.apiBase())}.
 */
public final class StripeEmulator implements AutoCloseable {
    /** The secret API key the sandbox accepts by default (an obvious test value, not a real key). */
    public static final String TEST_SECRET_KEY = "sk_test_payledger_sandbox";
    /** The publishable key a page would use against the sandbox (nothing checks it). */
    public static final String TEST_PUBLISHABLE_KEY = "pk_test_payledger_sandbox";
    /** The webhook endpoint secret the sandbox signs with by default. */
    public static final String TEST_WEBHOOK_SECRET = "whsec_test_payledger_sandbox";
    /**
     * The {@code api_version} written into events: stripe-java 33.3.0's {@code Stripe.API_VERSION}, so the SDK
     * deserializes the event's object (the adapter's tests check that the two agree).
     */
    public static final String API_VERSION = "2026-07-29.dahlia";

    private final EmulatorServer server;
    private final WebhookDispatcher dispatcher;
    private final StripeStore store;
    private final StripeWebhooks webhooks;
    private final Settings settings;
    private final ScheduledExecutorService sweeper;

    private StripeEmulator(EmulatorServer server, WebhookDispatcher dispatcher, StripeStore store,
                           StripeWebhooks webhooks, Settings settings) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.store = store;
        this.webhooks = webhooks;
        this.settings = settings;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stripe-expiry");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /** Starts on {@code 127.0.0.1:port} ({@code 0}: any free port) with the default test keys. */
    public static StripeEmulator start(int port) {
        return start(port, Settings.defaults());
    }

    public static StripeEmulator start(int port, Settings settings) {
        WebhookDispatcher dispatcher = new WebhookDispatcher("stripe", settings.clock(), settings.firstRetry());
        StripeWebhooks webhooks = new StripeWebhooks(dispatcher, settings.webhookSecret(), settings.apiVersion(),
                () -> settings.clock().get().getEpochSecond());
        StripeStore store = new StripeStore(settings.clock(), webhooks);
        EmulatorServer server = EmulatorServer.start("stripe", port);
        new StripeApi(store, settings.secretKey(), () -> server.baseUri().toString()).install(server);
        new HostedCheckoutPage(store).install(server);
        return new StripeEmulator(server, dispatcher, store, webhooks, settings);
    }

    public URI baseUri() {
        return server.baseUri();
    }

    /** What to pass to stripe-java's {@code setApiBase} (and its connect, files and meter-events bases). */
    public String apiBase() {
        return server.baseUri().toString();
    }

    public Settings settings() {
        return settings;
    }

    /** Knobs to fail or slow down API calls. */
    public ApiFaults faults() {
        return server.faults();
    }

    /** Where webhooks go ({@link WebhookDispatcher#target}), their knobs and the delivery log. */
    public WebhookDispatcher webhooks() {
        return dispatcher;
    }

    /** Every event emitted so far, oldest first, with its exact body. */
    public List<SentEvent> events() {
        return webhooks.sent();
    }

    /** A {@code Stripe-Signature} header for {@code body} at {@code epochSeconds}, with this emulator's secret. */
    public String signatureHeader(String body, long epochSeconds) {
        return StripeSignature.header(settings.webhookSecret(), epochSeconds, body);
    }

    /** The session as {@code GET /v1/checkout/sessions/{id}} answers it. */
    public JsonNode session(String sessionId) {
        return call(() -> store.session(sessionId));
    }

    /** The payer pays by card on the hosted page: {@code checkout.session.completed} with {@code paid}. */
    public void pay(String sessionId) {
        run(() -> store.pay(sessionId));
    }

    /** The card is declined: the session stays open; {@code payment_intent.payment_failed}. */
    public void decline(String sessionId) {
        run(() -> store.decline(sessionId));
    }

    /** The payer picks a delayed method: {@code checkout.session.completed} with {@code unpaid}. */
    public void payDelayed(String sessionId) {
        run(() -> store.payDelayed(sessionId));
    }

    /** The delayed payment ends: {@code checkout.session.async_payment_succeeded} or {@code …_failed}. */
    public void completeDelayed(String sessionId, boolean success) {
        run(() -> store.completeDelayed(sessionId, success));
    }

    /** The session runs out of time: {@code checkout.session.expired}. */
    public void expire(String sessionId) {
        run(() -> store.expire(sessionId));
    }

    /**
     * Expires every open session whose {@code expires_at} has passed on the emulator's clock (a background
     * sweep does this every second, and any call touching a session does it first).
     */
    public void sweepExpired() {
        store.sweepExpired();
    }

    /** From now on new refunds start {@code pending} (as bank-debit refunds do) instead of {@code succeeded}. */
    public void refundsPending(boolean pending) {
        store.refundsPending(pending);
    }

    /** A pending refund ends: {@code refund.updated} (+ {@code charge.refunded}, or {@code refund.failed}). */
    public void settleRefund(String refundId, boolean success) {
        run(() -> store.settleRefund(refundId, success));
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        dispatcher.close();
        server.close();
    }

    private void sweepQuietly() {
        try {
            store.sweepExpired();
        } catch (RuntimeException e) {
            // the next sweep tries again; an API call touching the session also expires it
        }
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (StripeError error) {
            throw new IllegalStateException(error.getMessage(), error);
        }
    }

    private static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** An event the emulator emitted: its id, type and the exact body it signs and sends. */
    public record SentEvent(String id, String type, String body) {
    }

    /**
     * How the emulator runs: the secret key it accepts, the webhook secret it signs with, the {@code api_version}
     * of its events, its clock (for {@code created}, expiry and signature timestamps) and the first retry delay.
     */
    public record Settings(String secretKey, String webhookSecret, String apiVersion, Supplier<Instant> clock,
                           Duration firstRetry) {
        public Settings {
            Objects.requireNonNull(secretKey, "secretKey");
            Objects.requireNonNull(webhookSecret, "webhookSecret");
            Objects.requireNonNull(apiVersion, "apiVersion");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(firstRetry, "firstRetry");
        }

        public static Settings defaults() {
            return new Settings(TEST_SECRET_KEY, TEST_WEBHOOK_SECRET, API_VERSION, Instant::now, Duration.ofMillis(200));
        }

        public Settings withClock(Supplier<Instant> newClock) {
            return new Settings(secretKey, webhookSecret, apiVersion, newClock, firstRetry);
        }

        public Settings withApiVersion(String version) {
            return new Settings(secretKey, webhookSecret, version, clock, firstRetry);
        }

        public Settings withKeys(String newSecretKey, String newWebhookSecret) {
            return new Settings(newSecretKey, newWebhookSecret, apiVersion, clock, firstRetry);
        }
    }
}
