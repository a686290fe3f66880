package dev.payledger.sandbox.razorpay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.Json;
import dev.payledger.sandbox.OutgoingWebhook;
import dev.payledger.sandbox.WebhookDispatcher;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds Razorpay's webhook envelopes, signs the exact body bytes with the webhook secret
 * ({@code X-Razorpay-Signature}), gives each event an {@code X-Razorpay-Event-Id}, and hands them to the
 * dispatcher. Thread-safe.
 */
final class RazorpayWebhooks {
    static final String ACCOUNT_ID = "acc_PayLedgerSandbx";

    private final WebhookDispatcher dispatcher;
    private final String secret;
    private final Supplier<Instant> clock;

    RazorpayWebhooks(WebhookDispatcher dispatcher, String secret, Supplier<Instant> clock) {
        this.dispatcher = dispatcher;
        this.secret = secret;
        this.clock = clock;
    }

    /** {@code payment.authorized}, {@code payment.captured}, {@code payment.failed}. */
    void payment(String event, RazorpayBook.Snapshot snapshot) {
        ObjectNode payload = Json.MAPPER.createObjectNode();
        payload.putObject("payment").set("entity", snapshot.payment());
        send(event, List.of("payment"), payload);
    }

    void orderPaid(RazorpayBook.Snapshot snapshot) {
        ObjectNode payload = Json.MAPPER.createObjectNode();
        payload.putObject("payment").set("entity", snapshot.payment());
        payload.putObject("order").set("entity", snapshot.order());
        send("order.paid", List.of("payment", "order"), payload);
    }

    /** {@code refund.created}, {@code refund.processed}, {@code refund.failed}. */
    void refund(String event, RazorpayBook.Snapshot snapshot) {
        ObjectNode payload = Json.MAPPER.createObjectNode();
        payload.putObject("refund").set("entity", snapshot.refund());
        payload.putObject("payment").set("entity", snapshot.payment());
        send(event, List.of("refund", "payment"), payload);
    }

    private void send(String event, List<String> contains, ObjectNode payload) {
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("entity", "event");
        envelope.put("account_id", ACCOUNT_ID);
        envelope.put("event", event);
        contains.forEach(envelope.putArray("contains")::add);
        envelope.set("payload", payload);
        envelope.put("created_at", clock.get().getEpochSecond());
        byte[] body = Json.write(envelope).getBytes(StandardCharsets.UTF_8);
        String eventId = Hmac.id("").substring(0, 14);
        String signature = Hmac.hex(secret, body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Razorpay-Signature", signature);
        headers.put("X-Razorpay-Event-Id", eventId);
        Map<String, String> fixed = Map.copyOf(headers);
        dispatcher.send(new OutgoingWebhook(eventId, event, body, sentAt -> fixed));
    }
}
