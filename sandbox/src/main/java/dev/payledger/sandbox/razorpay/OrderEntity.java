package dev.payledger.sandbox.razorpay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.Json;

import java.util.ArrayList;
import java.util.List;

/** A Razorpay order as the emulator keeps it. Mutable; guarded by the {@link RazorpayBook}'s lock. */
final class OrderEntity {
    final String id;
    final long amount;
    final String currency;
    final String receipt;
    final ObjectNode notes;
    final long createdAt;
    final List<String> paymentIds = new ArrayList<>();
    String status = "created";
    long amountPaid;
    int attempts;

    OrderEntity(String id, long amount, String currency, String receipt, ObjectNode notes, long createdAt) {
        this.id = id;
        this.amount = amount;
        this.currency = currency;
        this.receipt = receipt;
        this.notes = notes;
        this.createdAt = createdAt;
    }

    ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("id", id);
        json.put("entity", "order");
        json.put("amount", amount);
        json.put("amount_paid", amountPaid);
        json.put("amount_due", Math.max(0, amount - amountPaid));
        json.put("currency", currency);
        if (receipt == null) {
            json.putNull("receipt");
        } else {
            json.put("receipt", receipt);
        }
        json.putNull("offer_id");
        json.put("status", status);
        json.put("attempts", attempts);
        Fields.putNotes(json, notes);
        json.put("created_at", createdAt);
        return json;
    }
}
