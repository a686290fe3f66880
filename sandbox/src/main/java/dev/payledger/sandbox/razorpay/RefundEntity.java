package dev.payledger.sandbox.razorpay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.Json;

/** A Razorpay refund as the emulator keeps it. Mutable; guarded by the {@link RazorpayBook}'s lock. */
final class RefundEntity {
    final String id;
    final String paymentId;
    final long amount;
    final String currency;
    final String receipt;
    final ObjectNode notes;
    final String speed;
    final long createdAt;
    String status = "pending";

    RefundEntity(String id, PaymentEntity payment, long amount, String receipt, ObjectNode notes, String speed,
                 long createdAt) {
        this.id = id;
        this.paymentId = payment.id;
        this.amount = amount;
        this.currency = payment.currency;
        this.receipt = receipt;
        this.notes = notes;
        this.speed = speed;
        this.createdAt = createdAt;
    }

    ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("id", id);
        json.put("entity", "refund");
        json.put("amount", amount);
        json.put("currency", currency);
        json.put("payment_id", paymentId);
        Fields.putNotes(json, notes);
        PaymentEntity.putNullable(json, "receipt", receipt);
        json.putObject("acquirer_data").putNull("arn");
        json.put("created_at", createdAt);
        json.putNull("batch_id");
        json.put("status", status);
        json.put("speed_processed", speed);
        json.put("speed_requested", speed);
        return json;
    }
}
