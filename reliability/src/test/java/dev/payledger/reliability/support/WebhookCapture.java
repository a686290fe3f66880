package dev.payledger.reliability.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands where a provider emulator sends its webhooks and keeps them (answering 200), so a test can deliver them
 * itself: duplicated, reordered, spread over instances, across a crash. Thread-safe.
 */
public final class WebhookCapture implements AutoCloseable {
    private final HttpServer server;
    private final List<Captured> captured = new CopyOnWriteArrayList<>();

    /** A webhook as the emulator signed it: the headers to send again and the raw body. */
    public record Captured(Map<String, String> headers, byte[] body) {
        public String eventId() {
            return headers.getOrDefault("X-Razorpay-Event-Id", "");
        }
    }

    public WebhookCapture() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("x-") || lower.equals("content-type") || lower.equals("stripe-signature")) {
                    headers.put(canonical(name), values.get(0));
                }
            });
            captured.add(new Captured(Map.copyOf(headers), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    private static String canonical(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.toLowerCase(java.util.Locale.ROOT).split("-")) {
            if (out.length() > 0) {
                out.append('-');
            }
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks");
    }

    public List<Captured> captured() {
        return List.copyOf(captured);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
