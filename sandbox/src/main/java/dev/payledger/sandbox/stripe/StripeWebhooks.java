package dev.payledger.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.Json;
import dev.payledger.sandbox.OutgoingWebhook;
import dev.payledger.sandbox.WebhookDispatcher;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * Wraps each state change in a Stripe event envelope, keeps it, and hands it to the dispatcher with a signer
 * that writes a fresh {@code Stripe-Signature} for each delivery attempt. Thread-safe.
 */
final class StripeWebhooks implements StripeStore.EventSink {
    private final WebhookDispatcher dispatcher;
    private final String webhookSecret;
    private final String apiVersion;
    private final LongSupplier now;
    private final List<StripeEmulator.SentEvent> sent = new CopyOnWriteArrayList<>();

    StripeWebhooks(WebhookDispatcher dispatcher, String webhookSecret, String apiVersion, LongSupplier now) {
        this.dispatcher = dispatcher;
        this.webhookSecret = webhookSecret;
        this.apiVersion = apiVersion;
        this.now = now;
    }

    @Override
    public void emit(String type, ObjectNode object) {
        String id = StripeIds.next("evt_");
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", apiVersion);
        event.put("created", now.getAsLong());
        event.putObject("data").set("object", object);
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        ObjectNode request = event.putObject("request");
        request.putNull("id");
        request.putNull("idempotency_key");
        event.put("type", type);
        String body = Json.write(event);
        sent.add(new StripeEmulator.SentEvent(id, type, body));
        dispatcher.send(new OutgoingWebhook(id, type, body.getBytes(StandardCharsets.UTF_8),
                at -> Map.of("Content-Type", "application/json; charset=utf-8",
                        "Stripe-Signature", StripeSignature.header(webhookSecret, at, body))));
    }

    List<StripeEmulator.SentEvent> sent() {
        return List.copyOf(sent);
    }
}
