package dev.payledger.razorpay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The few REST calls the adapter makes, with Basic auth, bounded timeouts and Razorpay's error JSON turned into
 * {@link RazorpayException}. razorpay-java cannot be pointed at another base URL, hence this. One JDK client per
 * gateway: its connections are kept alive and reused across calls; the clients' own work (reading answers,
 * completing calls) runs on two shared daemon threads, not the JDK's default pool, which starts a thread per
 * call in flight. Thread-safe.
 */
final class RazorpayHttp {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]{1,64}");
    /** Runs the JDK clients' internal tasks; callers block in {@code send} on their own threads. */
    private static final ExecutorService CLIENT_THREADS = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "razorpay-http");
        thread.setDaemon(true);
        return thread;
    });

    private final HttpClient client;
    private final URI baseUrl;
    private final String authorization;
    private final RazorpayConfig config;

    RazorpayHttp(RazorpayConfig config) {
        this.config = config;
        String base = config.baseUrl().toString();
        // HTTP/2 is negotiated over TLS (ALPN); over plain http (the sandbox emulator, a local proxy) the JDK
        // client would otherwise send h2c Upgrade headers on every request that no such server takes up.
        HttpClient.Version version = "http".equalsIgnoreCase(config.baseUrl().getScheme())
                ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2;
        this.client = HttpClient.newBuilder().version(version).connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).executor(CLIENT_THREADS).build();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (config.keyId() + ":" + config.keySecret()).getBytes(StandardCharsets.UTF_8));
    }

    JsonNode get(String path) {
        return send(request(path).GET(), "GET " + path);
    }

    JsonNode post(String path, ObjectNode body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return send(request, "POST " + path);
    }

    /** A Razorpay id checked before it goes into a path ({@code order_…}, {@code pay_…}). */
    static String id(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Not a Razorpay id: " + id);
        }
        return id;
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(config.requestTimeout())
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw RazorpayException.transport("Razorpay did not answer in time (" + what + ")", e);
        } catch (IOException e) {
            throw RazorpayException.transport("Razorpay could not be reached (" + what + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RazorpayException.transport("Interrupted while calling Razorpay (" + what + ")", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return JSON.readTree(response.body());
            } catch (JsonProcessingException e) {
                throw new RazorpayException("Razorpay answered " + what + " with something that is not JSON",
                        status, null, null, true, e);
            }
        }
        throw error(status, response.body(), what);
    }

    private static RazorpayException error(int status, String body, String what) {
        boolean retryable = status >= 500 || status == 429 || status == 409;
        JsonNode error;
        try {
            error = JSON.readTree(body).path("error");
        } catch (JsonProcessingException e) {
            error = JSON.missingNode();
        }
        String code = text(error, "code");
        String description = text(error, "description");
        String message = "Razorpay refused " + what + " (HTTP " + status + (code == null ? "" : ", " + code) + ")"
                + (description == null ? "" : ": " + description);
        return new RazorpayException(message, status, code, text(error, "field"), retryable, null);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
