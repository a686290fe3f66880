package dev.payledger.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A PaymentIntent with its one charge, as the emulator keeps it. Mutable; guarded by the {@link StripeStore}'s
 * lock.
 */
final class IntentRecord {
    final String id;
    final String chargeId;
    final String sessionId;
    final long amount;
    final String currency;
    final Map<String, String> metadata;
    final long created;
    final List<RefundRecord> refunds = new ArrayList<>();
    String status = "requires_payment_method";
    String lastErrorMessage;
    boolean charged;

    IntentRecord(String id, String chargeId, String sessionId, long amount, String currency,
                 Map<String, String> metadata, long created) {
        this.id = id;
        this.chargeId = chargeId;
        this.sessionId = sessionId;
        this.amount = amount;
        this.currency = currency;
        this.metadata = Map.copyOf(metadata);
        this.created = created;
    }

    long amountReceived() {
        return "succeeded".equals(status) ? amount : 0;
    }

    /** Money refunded or on its way back (failed and canceled refunds do not count). */
    long amountRefunded() {
        return refunds.stream().filter(RefundRecord::counts).mapToLong(refund -> refund.amount).sum();
    }

    ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("id", id);
        json.put("object", "payment_intent");
        json.put("amount", amount);
        json.put("amount_received", amountReceived());
        json.put("created", created);
        json.put("currency", currency);
        if (lastErrorMessage == null) {
            json.putNull("last_payment_error");
        } else {
            ObjectNode error = json.putObject("last_payment_error");
            error.put("type", "card_error");
            error.put("code", "card_declined");
            error.put("decline_code", "generic_decline");
            error.put("message", lastErrorMessage);
        }
        json.put("latest_charge", charged ? chargeId : null);
        json.put("livemode", false);
        json.set("metadata", Json.MAPPER.valueToTree(metadata));
        json.putArray("payment_method_types").add("card");
        json.put("status", status);
        return json;
    }

    /** The intent's charge, with its refunds listed newest first (as {@code expand[]=refunds} shows them). */
    ObjectNode chargeJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("id", chargeId);
        json.put("object", "charge");
        json.put("amount", amount);
        json.put("amount_captured", amountReceived());
        json.put("amount_refunded", amountRefunded());
        json.put("captured", true);
        json.put("created", created);
        json.put("currency", currency);
        json.put("livemode", false);
        json.set("metadata", Json.MAPPER.valueToTree(metadata));
        json.put("paid", true);
        json.put("payment_intent", id);
        json.put("refunded", amountRefunded() == amount);
        ObjectNode list = json.putObject("refunds");
        list.put("object", "list");
        var data = list.putArray("data");
        for (int i = refunds.size() - 1; i >= 0; i--) {
            data.add(refunds.get(i).toJson());
        }
        list.put("has_more", false);
        list.put("total_count", refunds.size());
        list.put("url", "/v1/charges/" + chargeId + "/refunds");
        json.put("status", "succeeded");
        return json;
    }
}
