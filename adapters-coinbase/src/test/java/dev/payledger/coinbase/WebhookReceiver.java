package dev.payledger.coinbase;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.payledger.core.PayLedger;
import dev.payledger.core.payment.ReceiveWebhook;
import dev.payledger.core.payment.WebhookRequest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The app's webhook endpoint in miniature: a JDK HttpServer on an ephemeral loopback port that hands each
 * POST to {@code payLedger.receiveWebhook()} and answers as the HTTP service would (400 on rejection, else 200).
 */
final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final PayLedger payLedger;
    private final List<ReceiveWebhook.Result> results = new CopyOnWriteArrayList<>();

    WebhookReceiver(PayLedger payLedger) throws IOException {
        this.payLedger = payLedger;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/webhooks/coinbase", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/coinbase");
    }

    /** What {@code receiveWebhook} answered, in arrival order. */
    List<ReceiveWebhook.Result> results() {
        return List.copyOf(results);
    }

    <T extends ReceiveWebhook.Result> List<T> results(Class<T> type) {
        return results.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            ReceiveWebhook.Result result = payLedger.receiveWebhook()
                    .receive(Coinbase.PROVIDER, new WebhookRequest(headers, body, Instant.now()));
            results.add(result);
            exchange.sendResponseHeaders(result instanceof ReceiveWebhook.Rejected ? 400 : 200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
