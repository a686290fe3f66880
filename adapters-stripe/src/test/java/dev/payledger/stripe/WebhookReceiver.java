package dev.payledger.stripe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.payledger.core.PayLedger;
import dev.payledger.core.payment.ReceiveWebhook;
import dev.payledger.core.payment.WebhookRequest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The app's webhook endpoint in miniature: a JDK HTTP server that hands each raw request to {@code
 * payLedger.receiveWebhook()} and answers as the app does (400 for a rejected webhook, 200 once stored).
 */
final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final PayLedger payLedger;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    WebhookReceiver(PayLedger payLedger) throws IOException {
        this.payLedger = payLedger;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks/stripe", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/stripe");
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            WebhookRequest request = new WebhookRequest(headers, exchange.getRequestBody().readAllBytes(), Instant.now());
            ReceiveWebhook.Result result = payLedger.receiveWebhook().receive(Stripe.NAME, request);
            received.add(new Received(request, result));
            int status = result instanceof ReceiveWebhook.Rejected ? 400 : 200;
            exchange.sendResponseHeaders(status, -1);
        }
    }

    /** One delivery as it arrived, and what PayLedger made of it. */
    record Received(WebhookRequest request, ReceiveWebhook.Result result) {
    }
}
