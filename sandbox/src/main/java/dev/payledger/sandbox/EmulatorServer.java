package dev.payledger.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server for one emulated provider: routes with {@code {param}} path segments, API fault knobs,
 * and loopback-only binding. Start it on port 0 for an ephemeral port. Thread-safe.
 */
public final class EmulatorServer implements AutoCloseable {
    /** Largest request body an emulator reads; larger ones get 413. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle and the client's delayed
        // ACK hold each answer ~40 ms. Read once per JVM, when its first HttpServer starts; an explicit -D wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final java.util.List<Route> routes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ApiFaults faults = new ApiFaults();
    private final ServiceTimes serviceTimes = new ServiceTimes();
    private final String name;

    private EmulatorServer(String name, HttpServer server, ExecutorService executor) {
        this.name = name;
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on {@code 127.0.0.1:port} ({@code 0}: any free port). */
    public static EmulatorServer start(String name, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
            AtomicInteger threads = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(16, runnable -> {
                Thread thread = new Thread(runnable, name + "-emulator-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            EmulatorServer emulator = new EmulatorServer(name, server, executor);
            server.createContext("/", emulator::handle);
            server.start();
            return emulator;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the " + name + " emulator on port " + port, e);
        }
    }

    /**
     * Adds a route. {@code pattern} is a path such as {@code /v1/orders/{id}/payments}; a {@code {name}}
     * segment matches one path segment. Routes are tried in the order added. {@code api} routes are subject to
     * the {@link #faults() fault knobs}; pages and scripts are not.
     */
    public EmulatorServer route(String method, String pattern, boolean api, Handler handler) {
        routes.add(new Route(method, pattern.split("/"), method.toUpperCase(java.util.Locale.ROOT) + " " + pattern, api,
                handler));
        return this;
    }

    public EmulatorServer api(String method, String pattern, Handler handler) {
        return route(method, pattern, true, handler);
    }

    public EmulatorServer page(String method, String pattern, Handler handler) {
        return route(method, pattern, false, handler);
    }

    public ApiFaults faults() {
        return faults;
    }

    /** How long this server took per request, by route ({@code POST /v1/orders}); unmatched paths are {@code other}. */
    public ServiceTimes serviceTimes() {
        return serviceTimes;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        long began = System.nanoTime();
        String[] matched = {"other"};
        try (exchange) {
            Response response;
            try {
                response = dispatch(exchange, matched);
            } catch (RuntimeException e) {
                response = Response.json(500, "{\"error\":{\"message\":\"emulator error: "
                        + Json.escape(String.valueOf(e.getMessage())) + "\"}}");
            }
            response.headers().forEach((key, value) -> exchange.getResponseHeaders().add(key, value));
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            serviceTimes.record(matched[0], System.nanoTime() - began);
        }
    }

    /** Answers the request; {@code matched[0]} receives the matched route's label. */
    private Response dispatch(HttpExchange exchange, String[] matched) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            return Response.json(413, "{\"error\":{\"message\":\"request body too large\"}}");
        }
        boolean pathMatched = false;
        for (Route route : routes) {
            Map<String, String> params = route.match(path);
            if (params == null) {
                continue;
            }
            pathMatched = true;
            if (!route.method.equalsIgnoreCase(method)) {
                continue;
            }
            matched[0] = route.label();
            Request request = Request.of(method, exchange.getRequestURI(), params, exchange.getRequestHeaders(), body);
            if (route.api) {
                Response injected = faults.beforeApiCall();
                if (injected != null) {
                    return injected;
                }
            }
            return route.handler.handle(request);
        }
        return pathMatched
                ? Response.json(405, "{\"error\":{\"message\":\"method not allowed\"}}")
                : Response.json(404, "{\"error\":{\"message\":\"no such route on the " + name + " emulator: "
                        + Json.escape(path) + "\"}}");
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }

    /** Handles one request. Exceptions become a 500 answer. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request);
    }

    private record Route(String method, String[] segments, String label, boolean api, Handler handler) {
        Map<String, String> match(String path) {
            String[] parts = path.split("/");
            if (parts.length != segments.length) {
                return null;
            }
            Map<String, String> params = new java.util.HashMap<>();
            for (int i = 0; i < parts.length; i++) {
                String segment = segments[i];
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    if (parts[i].isEmpty()) {
                        return null;
                    }
                    params.put(segment.substring(1, segment.length() - 1),
                            java.net.URLDecoder.decode(parts[i], java.nio.charset.StandardCharsets.UTF_8));
                } else if (!segment.equals(parts[i])) {
                    return null;
                }
            }
            return params;
        }
    }
}
