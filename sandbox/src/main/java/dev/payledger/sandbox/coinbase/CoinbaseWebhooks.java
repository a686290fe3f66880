package dev.payledger.sandbox.coinbase;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.Json;
import dev.payledger.sandbox.OutgoingWebhook;
import dev.payledger.sandbox.WebhookDispatcher;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds and queues the emulator's webhooks in Coinbase's two formats, signed at send time, with the
 * Coinbase-specific signature knobs (a skewed timestamp, a corrupted {@code v1}). Thread-safe.
 */
final class CoinbaseWebhooks {
    private static final List<String> SIGNED_HEADERS = List.of("content-type", "x-event-id", "x-event-type");

    private final WebhookDispatcher dispatcher;
    private final Clock clock;
    private final AtomicLong envelopeIds = new AtomicLong();
    private volatile String businessSecret;
    private volatile String commerceSecret;
    private volatile Duration timestampSkew = Duration.ZERO;
    private volatile boolean corruptV1;

    CoinbaseWebhooks(WebhookDispatcher dispatcher, Clock clock, String businessSecret, String commerceSecret) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.businessSecret = businessSecret;
        this.commerceSecret = commerceSecret;
    }

    void secrets(String business, String commerce) {
        this.businessSecret = business;
        this.commerceSecret = commerce;
    }

    void timestampSkew(Duration skew) {
        this.timestampSkew = skew;
    }

    void corruptV1(boolean on) {
        this.corruptV1 = on;
    }

    /** A Coinbase Business event: the flat resource plus {@code eventType}, Hook0-signed. */
    void business(String eventType, ObjectNode resource) {
        ObjectNode body = resource.deepCopy();
        body.put("eventType", eventType);
        ObjectNode sorted = Json.MAPPER.createObjectNode();
        new java.util.TreeMap<String, com.fasterxml.jackson.databind.JsonNode>(toMap(body)).forEach(sorted::set);
        byte[] bytes = Json.write(sorted).getBytes(StandardCharsets.UTF_8);
        String eventId = UUID.randomUUID().toString();
        dispatcher.send(new OutgoingWebhook(eventId, eventType, bytes, sentAt -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("X-Event-Id", eventId);
            headers.put("X-Event-Type", eventType);
            long timestamp = sentAt + timestampSkew.toSeconds();
            String signature = WebhookSigner.hook0(businessSecret, timestamp, bytes, SIGNED_HEADERS, headers);
            if (corruptV1) {
                signature = signature.replaceFirst("v1=[0-9a-f]", "v1=" + (signature.contains("v1=0") ? "1" : "0"));
            }
            headers.put("X-Hook0-Signature", signature);
            return headers;
        }));
    }

    /** A legacy Commerce event: the {@code {id, scheduled_for, attempt_number, event}} envelope, HMAC-signed. */
    void commerce(String eventType, ObjectNode charge) {
        String eventId = UUID.randomUUID().toString();
        String now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("id", envelopeIds.incrementAndGet());
        envelope.put("scheduled_for", now);
        envelope.put("attempt_number", 1);
        ObjectNode event = envelope.putObject("event");
        event.put("id", eventId);
        event.put("resource", "event");
        event.put("type", eventType);
        event.put("api_version", CommerceApi.API_VERSION);
        event.put("created_at", now);
        event.set("data", charge);
        byte[] bytes = Json.write(envelope).getBytes(StandardCharsets.UTF_8);
        dispatcher.send(new OutgoingWebhook(eventId, eventType, bytes, sentAt -> Map.of(
                "Content-Type", "application/json",
                "X-CC-Webhook-Signature", WebhookSigner.commerce(commerceSecret, bytes))));
    }

    private static Map<String, com.fasterxml.jackson.databind.JsonNode> toMap(ObjectNode node) {
        Map<String, com.fasterxml.jackson.databind.JsonNode> map = new java.util.HashMap<>();
        node.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return map;
    }
}
