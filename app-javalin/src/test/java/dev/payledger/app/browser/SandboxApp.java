package dev.payledger.app.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payledger.app.Application;
import dev.payledger.app.Config;
import dev.payledger.app.Sandbox;
import dev.payledger.app.Settings;
import dev.payledger.core.Persistence;
import dev.payledger.core.inbox.InboundEvent;
import dev.payledger.sandbox.stripe.StripeEmulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The service in sandbox mode, in this JVM, on a free loopback port with an embedded PostgreSQL in a temporary
 * directory, with the default return URLs of the hosted pages (the pages' return screen); plus the few API calls
 * the browser tests use to set a scene (buy credits, lose a webhook). Not thread-safe.
 */
final class SandboxApp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Application app;
    private final HttpClient http = HttpClient.newHttpClient();

    private SandboxApp(Application app) {
        this.app = app;
    }

    static SandboxApp start(Path dataDir) {
        Config config = Config.from(Settings.of(Map.of(
                "PAYLEDGER_PORT", "0",
                "PAYLEDGER_DATA_DIR", dataDir.toString(),
                "PAYLEDGER_CHECKOUT_RATE_LIMIT", "1000",
                "PAYLEDGER_INBOX_INTERVAL", "500ms",
                "PAYLEDGER_RECONCILE_INTERVAL", "1h")));
        return new SandboxApp(Application.start(config));
    }

    String url(String path) {
        return app.baseUrl() + path;
    }

    Sandbox sandbox() {
        return app.backend().sandbox().orElseThrow();
    }

    StripeEmulator stripe() {
        return sandbox().stripe().orElseThrow();
    }

    /** A demo token for {@code user} from the sandbox login. */
    String token(String user) {
        return call("POST", "/sandbox/login", null, "{\"user\":\"" + user + "\"}").path("token").asText();
    }

    /** Buys a package through Stripe's emulator without a browser; returns the payment as the API shows it. */
    JsonNode payByCardWithoutBrowser(String user, String packageId, String currency) {
        String token = token(user);
        JsonNode payment = call("POST", "/api/checkout", token, "{\"package_id\":\"" + packageId + "\",\"currency\":\""
                + currency + "\",\"provider\":\"stripe\"}");
        stripe().pay(payment.path("provider_ref").asText());
        return payment;
    }

    long balance(String user) {
        return call("GET", "/api/wallet", token(user), null).path("balance").asLong();
    }

    JsonNode payment(String user, String paymentId) {
        return call("GET", "/api/payments/" + paymentId, token(user), null);
    }

    /** Waits until {@code user}'s balance is {@code expected} (webhooks arrive asynchronously). */
    void awaitBalance(String user, long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (balance(user) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("balance of " + user + " stayed " + balance(user) + ", expected " + expected);
            }
            sleep(100);
        }
    }

    /**
     * Stores a provider event in the inbox as an operator would find it after the worker gave up on it
     * (FAILED, no retry left); returns its inbox id.
     */
    long storeExhaustedEvent(String provider, String eventId, String type, String body, String error) {
        Persistence store = app.backend().payLedger().persistence();
        return store.unitOfWork().inTransaction(() -> {
            Optional<InboundEvent> stored = store.inbox().store(InboundEvent.received(provider, eventId, type,
                    body.getBytes(StandardCharsets.UTF_8), Instant.now()));
            long id = stored.orElseThrow().id();
            store.inbox().fail(id, error, Optional.empty());
            return id;
        });
    }

    JsonNode call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
