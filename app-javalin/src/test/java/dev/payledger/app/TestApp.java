package dev.payledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.payledger.jdbc.DataSources;
import dev.payledger.jdbc.EmbeddedDatabase;
import dev.payledger.sandbox.coinbase.CoinbaseEmulator;
import dev.payledger.sandbox.razorpay.RazorpayEmulator;
import dev.payledger.sandbox.stripe.StripeEmulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * The service in sandbox mode for tests: one embedded PostgreSQL per test JVM (under target/), each app on
 * its own pool and a free port, with the emulators. Tokens are signed with a known test secret.
 */
final class TestApp implements AutoCloseable {
    static final String JWT_SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static EmbeddedDatabase database;
    private static TestApp shared;

    private final Application app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestApp(Application app) {
        this.app = app;
    }

    static synchronized EmbeddedDatabase database() {
        if (database == null) {
            database = EmbeddedDatabase.start(Path.of("target", "test-postgres"), false);
        }
        return database;
    }

    /** The app most tests share (started once per test JVM); tests keep apart by using fresh users. */
    static synchronized TestApp shared() {
        if (shared == null) {
            shared = start(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    static TestApp start(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(Map.of("PAYLEDGER_PORT", "0",
                "PAYLEDGER_DATA_DIR", "target/test-data", "PAYLEDGER_JWT_SECRET", JWT_SECRET,
                "PAYLEDGER_INBOX_INTERVAL", "200ms", "PAYLEDGER_RECONCILE_INTERVAL", "1h",
                "PAYLEDGER_INBOX_MAX_ATTEMPTS", "1"));
        env.putAll(overrides);
        Config config = Config.from(Settings.of(env));
        return new TestApp(Application.start(config, Storage.on(DataSources.embedded(database()))));
    }

    Application app() {
        return app;
    }

    RazorpayEmulator razorpay() {
        return app.backend().sandbox().orElseThrow().razorpay().orElseThrow();
    }

    StripeEmulator stripe() {
        return app.backend().sandbox().orElseThrow().stripe().orElseThrow();
    }

    CoinbaseEmulator coinbase() {
        return app.backend().sandbox().orElseThrow().coinbase().orElseThrow();
    }

    static String newUser() {
        return "u-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static String token(String user) {
        return token(user, List.of("user"), Instant.now().plusSeconds(600));
    }

    static String adminToken() {
        return token("ops-" + UUID.randomUUID().toString().substring(0, 8), List.of("user", "admin"),
                Instant.now().plusSeconds(600));
    }

    static String token(String user, List<String> roles, Instant expires) {
        return sign(JWSAlgorithm.HS256, JWT_SECRET, new JWTClaimsSet.Builder().subject(user)
                .expirationTime(Date.from(expires)).claim("roles", roles).build());
    }

    static String sign(JWSAlgorithm algorithm, String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    Reply get(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    /** A GET whose answer is not text (an image): status, headers and the body's bytes. */
    HttpResponse<byte[]> getBytes(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply post(String path, String token, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        boolean typed = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!typed) {
            request.header("Content-Type", "application/json");
        }
        return send(request, token);
    }

    Reply postBytes(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request, null);
    }

    URI uri(String path) {
        return URI.create(app.baseUrl() + path);
    }

    private Reply send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls until {@code condition} holds (at most 15 s). */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        app.close();
    }

    /** An HTTP answer. */
    record Reply(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
