package dev.payledger.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.Json;

import java.util.List;
import java.util.Map;

/** One Checkout Session as the emulator keeps it. Mutable; guarded by the {@link StripeStore}'s lock. */
final class SessionRecord {
    final String id;
    final String currency;
    final List<LineItem> lineItems;
    final String clientReferenceId;
    final Map<String, String> metadata;
    final Map<String, String> paymentIntentMetadata;
    final String successUrl;
    final String cancelUrl;
    final String hostedUrl;
    final long created;
    final long expiresAt;
    String status = "open";
    String paymentStatus = "unpaid";
    String paymentIntentId;

    SessionRecord(String id, String currency, List<LineItem> lineItems, String clientReferenceId,
                  Map<String, String> metadata, Map<String, String> paymentIntentMetadata, String successUrl,
                  String cancelUrl, String hostedUrl, long created, long expiresAt) {
        this.id = id;
        this.currency = currency;
        this.lineItems = List.copyOf(lineItems);
        this.clientReferenceId = clientReferenceId;
        this.metadata = Map.copyOf(metadata);
        this.paymentIntentMetadata = Map.copyOf(paymentIntentMetadata);
        this.successUrl = successUrl;
        this.cancelUrl = cancelUrl;
        this.hostedUrl = hostedUrl;
        this.created = created;
        this.expiresAt = expiresAt;
    }

    long amountTotal() {
        return lineItems.stream().mapToLong(item -> Math.multiplyExact(item.unitAmount(), item.quantity())).sum();
    }

    boolean isOpen() {
        return "open".equals(status);
    }

    /** The session as Stripe's API returns it (the fields stripe-java's {@code Session} reads that matter here). */
    ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("id", id);
        json.put("object", "checkout.session");
        json.put("amount_subtotal", amountTotal());
        json.put("amount_total", amountTotal());
        json.put("cancel_url", cancelUrl);
        json.put("client_reference_id", clientReferenceId);
        json.put("created", created);
        json.put("currency", currency);
        json.putNull("customer");
        json.put("expires_at", expiresAt);
        json.put("livemode", false);
        json.set("metadata", Json.MAPPER.valueToTree(metadata));
        json.put("mode", "payment");
        json.put("payment_intent", paymentIntentId);
        ArrayNode methods = json.putArray("payment_method_types");
        methods.add("card");
        json.put("payment_status", paymentStatus);
        json.put("status", status);
        json.put("success_url", successUrl);
        json.put("ui_mode", "hosted");
        json.put("url", isOpen() ? hostedUrl : null);
        return json;
    }

    /** One line of a session: {@code price_data} with an inline product name. */
    record LineItem(String name, long unitAmount, long quantity) {
    }
}
