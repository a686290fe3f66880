package dev.payledger.sandbox.razorpay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.Json;

/** A Razorpay payment as the emulator keeps it. Mutable; guarded by the {@link RazorpayBook}'s lock. */
final class PaymentEntity {
    final String id;
    final String orderId;
    final long amount;
    final String currency;
    final String method;
    final ObjectNode notes;
    final long createdAt;
    String status;
    long amountRefunded;
    String errorCode;
    String errorDescription;

    PaymentEntity(String id, OrderEntity order, long amount, String method, String status, long createdAt) {
        this.id = id;
        this.orderId = order.id;
        this.amount = amount;
        this.currency = order.currency;
        this.method = method;
        this.notes = order.notes.deepCopy();
        this.status = status;
        this.createdAt = createdAt;
    }

    boolean captured() {
        return "captured".equals(status) || "refunded".equals(status);
    }

    ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("id", id);
        json.put("entity", "payment");
        json.put("amount", amount);
        json.put("currency", currency);
        json.put("status", status);
        json.put("order_id", orderId);
        json.putNull("invoice_id");
        json.put("international", false);
        json.put("method", method);
        json.put("amount_refunded", amountRefunded);
        if (amountRefunded == 0) {
            json.putNull("refund_status");
        } else {
            json.put("refund_status", amountRefunded == amount ? "full" : "partial");
        }
        json.put("captured", captured());
        json.put("description", "PayLedger sandbox payment");
        json.putNull("card_id");
        json.putNull("bank");
        json.putNull("wallet");
        if ("upi".equals(method)) {
            json.put("vpa", "payer@sandbox");
        } else {
            json.putNull("vpa");
        }
        json.put("email", "payer@example.com");
        json.put("contact", "+919999999999");
        Fields.putNotes(json, notes);
        json.put("fee", captured() ? amount * 2 / 100 : 0);
        json.put("tax", 0);
        putNullable(json, "error_code", errorCode);
        putNullable(json, "error_description", errorDescription);
        putNullable(json, "error_source", errorCode == null ? null : "customer");
        putNullable(json, "error_step", errorCode == null ? null : "payment_authentication");
        putNullable(json, "error_reason", errorCode == null ? null : "payment_failed");
        json.putObject("acquirer_data");
        json.put("created_at", createdAt);
        return json;
    }

    static void putNullable(ObjectNode json, String field, String value) {
        if (value == null) {
            json.putNull(field);
        } else {
            json.put(field, value);
        }
    }
}
