package dev.payledger.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.Json;

import java.util.Map;

/** A refund as the emulator keeps it. Mutable status; guarded by the {@link StripeStore}'s lock. */
final class RefundRecord {
    final String id;
    final IntentRecord intent;
    final long amount;
    final Map<String, String> metadata;
    final String reason;
    final long created;
    String status;
    String failureReason;

    RefundRecord(String id, IntentRecord intent, long amount, Map<String, String> metadata, String reason,
                 long created, String status) {
        this.id = id;
        this.intent = intent;
        this.amount = amount;
        this.metadata = Map.copyOf(metadata);
        this.reason = reason;
        this.created = created;
        this.status = status;
    }

    boolean counts() {
        return !"failed".equals(status) && !"canceled".equals(status);
    }

    ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("id", id);
        json.put("object", "refund");
        json.put("amount", amount);
        json.put("charge", intent.chargeId);
        json.put("created", created);
        json.put("currency", intent.currency);
        json.put("failure_reason", failureReason);
        json.set("metadata", Json.MAPPER.valueToTree(metadata));
        json.put("payment_intent", intent.id);
        json.put("reason", reason);
        json.put("status", status);
        return json;
    }
}
