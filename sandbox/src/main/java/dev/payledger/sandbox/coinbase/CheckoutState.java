package dev.payledger.sandbox.coinbase;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.Json;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One emulated checkout or payment link. Mutable; guarded by the {@link BusinessApi}'s lock.
 */
final class CheckoutState {
    final String id;
    /** {@code checkouts} or {@code payment-links}. */
    final String resource;
    final BigDecimal amount;
    final String currency;
    final BigDecimal fiatAmount;
    final String fiatCurrency;
    final String description;
    final Instant expiresAt;
    final Map<String, String> metadata;
    final String successRedirectUrl;
    final String failRedirectUrl;
    final Instant createdAt;
    final String url;
    final String address;
    Instant updatedAt;
    String status = "ACTIVE";
    String transactionHash;
    final List<RefundState> refunds = new ArrayList<>();

    CheckoutState(String id, String resource, BigDecimal amount, String currency, BigDecimal fiatAmount,
                  String fiatCurrency, String description, Instant expiresAt, Map<String, String> metadata,
                  String successRedirectUrl, String failRedirectUrl, Instant createdAt, String url, String address) {
        this.id = id;
        this.resource = resource;
        this.amount = amount;
        this.currency = currency;
        this.fiatAmount = fiatAmount;
        this.fiatCurrency = fiatCurrency;
        this.description = description;
        this.expiresAt = expiresAt;
        this.metadata = Map.copyOf(metadata);
        this.successRedirectUrl = successRedirectUrl;
        this.failRedirectUrl = failRedirectUrl;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.url = url;
        this.address = address;
    }

    boolean isCheckout() {
        return "checkouts".equals(resource);
    }

    /** {@code checkout} or {@code payment_link}: the prefix of this resource's webhook event types. */
    String eventPrefix() {
        return isCheckout() ? "checkout" : "payment_link";
    }

    /** What refunds are measured in: the fiat amount when the checkout was priced in fiat, else the crypto one. */
    BigDecimal refundBase() {
        return fiatAmount != null ? fiatAmount : amount;
    }

    String refundCurrency() {
        return fiatCurrency != null ? fiatCurrency : currency;
    }

    BigDecimal refunded(boolean includePending) {
        BigDecimal total = BigDecimal.ZERO;
        for (RefundState refund : refunds) {
            if ("COMPLETED".equals(refund.status) || (includePending && "PENDING".equals(refund.status))) {
                total = total.add(refund.amount);
            }
        }
        return total;
    }

    /** The resource as the API shows it; keys sorted, as in Coinbase's webhook bodies. */
    ObjectNode toJson() {
        TreeMap<String, Object> fields = new TreeMap<>();
        fields.put("id", id);
        fields.put("url", url);
        fields.put("status", !isCheckout() && "PROCESSING".equals(status) ? "ACTIVE" : status);
        fields.put("amount", amount.toPlainString());
        fields.put("currency", currency);
        fields.put("network", "base");
        fields.put("address", address);
        fields.put("tokenAddress", "0x036CbD53842c5426634e7929541eC2318f3dCF7e");
        if (description != null) {
            fields.put("description", description);
        }
        fields.put("expiresAt", expiresAt.toString());
        fields.put("metadata", new TreeMap<>(metadata));
        putIfSet(fields, "successRedirectUrl", successRedirectUrl);
        putIfSet(fields, "failRedirectUrl", failRedirectUrl);
        fields.put("createdAt", createdAt.toString());
        fields.put("updatedAt", updatedAt.toString());
        if (transactionHash != null) {
            fields.put("transactionHash", transactionHash);
            BigDecimal fee = amount.multiply(new BigDecimal("0.01")).setScale(2, java.math.RoundingMode.HALF_UP);
            TreeMap<String, Object> settlement = new TreeMap<>(Map.of("totalAmount", amount.toPlainString(),
                    "feeAmount", fee.toPlainString(), "netAmount", amount.subtract(fee).toPlainString(),
                    "currency", currency));
            fields.put("settlement", settlement);
        }
        if (isCheckout() && fiatAmount != null) {
            fields.put("fiatAmount", fiatAmount.toPlainString());
            fields.put("fiatCurrency", fiatCurrency);
        }
        ObjectNode node = Json.MAPPER.valueToTree(fields);
        if (isCheckout()) {
            node.put("refundedAmount", refunded(false).setScale(2).toPlainString());
            ArrayNode list = node.putArray("refunds");
            refunds.forEach(refund -> list.add(refund.toJson()));
        }
        return sorted(node);
    }

    private static ObjectNode sorted(ObjectNode node) {
        ObjectNode copy = Json.MAPPER.createObjectNode();
        new TreeMap<>(toMap(node)).forEach(copy::set);
        return copy;
    }

    private static Map<String, com.fasterxml.jackson.databind.JsonNode> toMap(ObjectNode node) {
        Map<String, com.fasterxml.jackson.databind.JsonNode> map = new java.util.HashMap<>();
        node.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return map;
    }

    private static void putIfSet(Map<String, Object> fields, String key, String value) {
        if (value != null) {
            fields.put(key, value);
        }
    }

    /** One refund of a checkout. */
    static final class RefundState {
        final String id;
        final String checkoutId;
        final BigDecimal amount;
        final String currency;
        final String reason;
        final Instant createdAt;
        String status = "PENDING";
        Instant completedAt;
        String transactionHash;

        RefundState(String id, String checkoutId, BigDecimal amount, String currency, String reason, Instant createdAt) {
            this.id = id;
            this.checkoutId = checkoutId;
            this.amount = amount;
            this.currency = currency;
            this.reason = reason;
            this.createdAt = createdAt;
        }

        ObjectNode toJson() {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("id", id);
            node.put("checkoutId", checkoutId);
            node.put("amount", amount.toPlainString());
            node.put("currency", currency);
            node.put("status", status);
            node.put("createdAt", createdAt.toString());
            if (reason != null) {
                node.put("reason", reason);
            }
            if (completedAt != null) {
                node.put("completedAt", completedAt.toString());
            }
            if (transactionHash != null) {
                node.put("transactionHash", transactionHash);
            }
            return node;
        }
    }
}
