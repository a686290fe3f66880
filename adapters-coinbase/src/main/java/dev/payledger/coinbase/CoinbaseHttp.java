package dev.payledger.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends JSON requests to a Coinbase API on {@code java.net.http}: each attempt is authorised afresh (a new
 * JWT for Business), HTTP 429 is retried a bounded number of times with doubling back-off (honouring a short
 * {@code Retry-After}), and every error answer becomes a {@link CoinbaseException}. Thread-safe.
 */
final class CoinbaseHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);
    /**
     * Runs the JDK clients' internal tasks (reading answers, completing calls); callers block in {@code send} on
     * their own threads. The JDK's default would start a thread per call in flight.
     */
    private static final ExecutorService CLIENT_THREADS = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "coinbase-http");
        thread.setDaemon(true);
        return thread;
    });

    private final HttpClient client;
    private final Duration requestTimeout;
    private final int retries;
    private final Duration backoff;
    private final Authorizer authorizer;

    /** Adds the credentials for one attempt of a request. */
    @FunctionalInterface
    interface Authorizer {
        void authorize(HttpRequest.Builder request, String method, URI uri);
    }

    CoinbaseHttp(CoinbaseConfig config, Authorizer authorizer) {
        this.client = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).executor(CLIENT_THREADS).build();
        this.requestTimeout = config.requestTimeout();
        this.retries = config.rateLimitRetries();
        this.backoff = config.rateLimitBackoff();
        this.authorizer = authorizer;
    }

    /** Sends and reads the JSON answer; {@code body} null for none. */
    JsonNode send(String method, URI uri, JsonNode body, Map<String, String> headers) {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                    .header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.toString()));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            headers.forEach(request::header);
            authorizer.authorize(request, method, uri);
            HttpResponse<String> response = exchange(request.build(), method, uri);
            if (response.statusCode() == 429 && attempt < retries) {
                pause(waitBefore(attempt, response));
                continue;
            }
            if (response.statusCode() >= 200 && response.statusCode() < 300) {
                return read(response.body());
            }
            throw CoinbaseErrors.from(response.statusCode(), response.body(), method, uri.getRawPath());
        }
    }

    private HttpResponse<String> exchange(HttpRequest request, String method, URI uri) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CoinbaseException("Coinbase could not be reached for " + method + " " + uri.getRawPath() + " ("
                    + e.getClass().getSimpleName() + ")", true, -1, null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoinbaseException("Interrupted while calling Coinbase", true, -1, null, null, e);
        }
    }

    private Duration waitBefore(int attempt, HttpResponse<String> response) {
        Duration wait = backoff.multipliedBy(1L << attempt);
        Optional<String> retryAfter = response.headers().firstValue("Retry-After");
        if (retryAfter.isPresent()) {
            try {
                wait = Duration.ofSeconds(Long.parseLong(retryAfter.get().trim()));
            } catch (NumberFormatException e) {
                // an HTTP date: keep our own back-off
            }
        }
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoinbaseException("Interrupted while waiting out a Coinbase rate limit", true, 429, null, null, e);
        }
    }

    private static JsonNode read(String text) {
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new CoinbaseException("Coinbase answered with something that is not JSON", true, 200, null, null, e);
        }
    }
}
