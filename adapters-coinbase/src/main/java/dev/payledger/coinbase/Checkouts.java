package dev.payledger.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.core.money.Money;
import dev.payledger.core.payment.EventFact;
import dev.payledger.core.payment.PaymentId;
import dev.payledger.core.payment.PaymentReference;
import dev.payledger.core.payment.ProviderPaymentState;
import dev.payledger.core.payment.SettlementEvidence;

import java.util.Optional;

/**
 * Reads a Coinbase Business checkout or payment link (an API answer or a webhook body: the same flat JSON) into
 * PayLedger's terms. The amount settled is the fiat amount the checkout was priced in when Coinbase states one
 * ({@code fiatAmount}/{@code fiatCurrency}), else the amount and currency it states (USDC counted as USD).
 */
final class Checkouts {
    static final String PAYMENT_ID = "paymentId";
    static final String ORDER_ID = "orderId";
    static final String USER_ID = "userId";

    private Checkouts() {
    }

    static PaymentReference reference(JsonNode resource) {
        String id = required(resource, "id");
        JsonNode metadata = resource.path("metadata");
        String paymentId = metadata.hasNonNull(PAYMENT_ID) ? metadata.get(PAYMENT_ID).asText()
                : metadata.path("payment_id").asText(null);
        return PaymentReference.of(id, paymentId(paymentId).orElse(null), null);
    }

    static SettlementEvidence evidence(JsonNode resource) {
        String providerPaymentId = resource.hasNonNull("transactionHash") ? resource.get("transactionHash").asText()
                : required(resource, "id");
        return new SettlementEvidence(Coinbase.PROVIDER, reference(resource), providerPaymentId, paid(resource));
    }

    static Money paid(JsonNode resource) {
        if (resource.hasNonNull("fiatAmount") && resource.hasNonNull("fiatCurrency")) {
            return Amounts.money(resource.get("fiatAmount").asText(), resource.get("fiatCurrency").asText());
        }
        return Amounts.money(required(resource, "amount"), required(resource, "currency"));
    }

    static ProviderPaymentState state(JsonNode resource) {
        String status = resource.path("status").asText("");
        return switch (status) {
            case "COMPLETED", "REFUNDED", "PARTIALLY_REFUNDED" -> new ProviderPaymentState.Paid(evidence(resource));
            case "ACTIVE" -> new ProviderPaymentState.Pending("waiting for the payer");
            case "PROCESSING" -> new ProviderPaymentState.Pending("payment seen, waiting for confirmations");
            case "EXPIRED", "DEACTIVATED" -> new ProviderPaymentState.Expired();
            case "FAILED" -> new ProviderPaymentState.Failed("Coinbase reports the payment failed");
            default -> throw CoinbaseException.of("Coinbase answered an unknown checkout status " + status, false);
        };
    }

    /** What a webhook of {@code type} about {@code resource} means. */
    static EventFact fact(String type, JsonNode resource) {
        if (!type.startsWith("checkout.") && !type.startsWith("payment_link.")) {
            return new EventFact.Irrelevant("not a checkout or payment link event: " + type);
        }
        String action = type.substring(type.indexOf('.') + 1);
        return switch (action) {
            case "payment.success" -> new EventFact.PaymentCaptured(evidence(resource));
            case "payment.failed" -> new EventFact.PaymentFailed(reference(resource), "Coinbase reports the payment failed");
            case "payment.expired" -> new EventFact.PaymentExpired(reference(resource));
            case "refund.success", "refund.failed" -> refundFact(action.equals("refund.success"), resource);
            default -> new EventFact.Irrelevant("event " + type + " needs no action");
        };
    }

    private static EventFact refundFact(boolean succeeded, JsonNode resource) {
        JsonNode refund = refundOf(resource, succeeded ? "COMPLETED" : "FAILED");
        String refundId = required(refund, "id");
        if (!succeeded) {
            return new EventFact.RefundFailed(reference(resource), refundId, Optional.empty(),
                    refund.path("reason").asText("Coinbase reports the refund failed"));
        }
        Money amount = refund.hasNonNull("fiatAmount") && refund.hasNonNull("fiatCurrency")
                ? Amounts.money(refund.get("fiatAmount").asText(), refund.get("fiatCurrency").asText())
                : Amounts.money(required(refund, "amount"), required(refund, "currency"));
        return new EventFact.RefundSucceeded(reference(resource), refundId, Optional.empty(), amount);
    }

    /** The refund an event is about: a top-level {@code refund} if present, else the newest with that status. */
    private static JsonNode refundOf(JsonNode resource, String status) {
        if (resource.path("refund").isObject()) {
            return resource.get("refund");
        }
        JsonNode refunds = resource.path("refunds");
        for (int i = refunds.size() - 1; i >= 0; i--) {
            if (status.equals(refunds.get(i).path("status").asText())) {
                return refunds.get(i);
            }
        }
        throw new IllegalArgumentException("The refund event names no " + status + " refund");
    }

    static Optional<PaymentId> paymentId(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(new PaymentId(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new IllegalArgumentException("Coinbase's JSON lacks " + field);
        }
        return value.asText();
    }
}
