package dev.payledger.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.core.money.Money;
import dev.payledger.core.payment.EventFact;
import dev.payledger.core.payment.PaymentReference;
import dev.payledger.core.payment.ProviderPaymentState;
import dev.payledger.core.payment.SettlementEvidence;

/**
 * Reads a legacy Coinbase Commerce charge into PayLedger's terms. A charge's state is the last entry of its
 * {@code timeline}: {@code PENDING} means seen on chain (recorded, not yet settled), {@code COMPLETED} and
 * {@code RESOLVED} settle, {@code UNRESOLVED} (a late, under- or overpayment) settles what arrived — core
 * compares it with what was expected and holds a mismatch for review — because money received is never dropped.
 */
final class CommerceCharges {
    static final String PAYMENT_ID = "payment_id";
    static final String ORDER_ID = "order_id";
    static final String USER_ID = "user_id";

    private CommerceCharges() {
    }

    /** The provider reference of a charge is its {@code code} (GET /charges/{code} reads it). */
    static PaymentReference reference(JsonNode charge) {
        String code = Checkouts.required(charge, "code");
        JsonNode metadata = charge.path("metadata");
        String paymentId = metadata.hasNonNull(PAYMENT_ID) ? metadata.get(PAYMENT_ID).asText()
                : metadata.path(Checkouts.PAYMENT_ID).asText(null);
        return PaymentReference.of(code, Checkouts.paymentId(paymentId).orElse(null), null);
    }

    static String status(JsonNode charge) {
        JsonNode timeline = charge.path("timeline");
        return timeline.size() == 0 ? "NEW" : timeline.get(timeline.size() - 1).path("status").asText("NEW");
    }

    /** What arrived: the local value of the payments made, or the charge's local price when none are listed. */
    static SettlementEvidence evidence(JsonNode charge) {
        JsonNode payments = charge.path("payments");
        Money paid = null;
        String transaction = null;
        for (JsonNode payment : payments) {
            JsonNode local = payment.path("value").path("local");
            if (!local.hasNonNull("amount")) {
                continue;
            }
            Money amount = Amounts.money(local.get("amount").asText(), Checkouts.required(local, "currency"));
            paid = paid == null ? amount : paid.plus(amount);
            transaction = transaction == null ? payment.path("transaction_id").asText(null) : transaction;
        }
        if (paid == null) {
            JsonNode local = charge.path("pricing").path("local");
            paid = Amounts.money(Checkouts.required(local, "amount"), Checkouts.required(local, "currency"));
        }
        String providerPaymentId = transaction != null ? transaction : Checkouts.required(charge, "code");
        return new SettlementEvidence(Coinbase.PROVIDER, reference(charge), providerPaymentId, paid);
    }

    static ProviderPaymentState state(JsonNode charge) {
        String status = status(charge);
        boolean paid = charge.path("payments").size() > 0;
        return switch (status) {
            case "COMPLETED", "RESOLVED" -> new ProviderPaymentState.Paid(evidence(charge));
            case "UNRESOLVED" -> paid ? new ProviderPaymentState.Paid(evidence(charge))
                    : new ProviderPaymentState.Pending("unresolved without a payment");
            case "NEW", "SIGNED" -> new ProviderPaymentState.Pending("waiting for the payer");
            case "PENDING" -> new ProviderPaymentState.Pending("payment seen on chain, waiting for confirmations");
            case "EXPIRED", "CANCELED" -> new ProviderPaymentState.Expired();
            case "FAILED" -> new ProviderPaymentState.Failed("Coinbase reports the charge failed");
            default -> throw CoinbaseException.of("Coinbase answered an unknown charge status " + status, false);
        };
    }

    static EventFact fact(String type, JsonNode charge) {
        return switch (type) {
            case "charge:confirmed", "charge:resolved", "charge:delayed" -> new EventFact.PaymentCaptured(evidence(charge));
            case "charge:pending" -> new EventFact.PaymentPending(reference(charge));
            case "charge:failed" -> new EventFact.PaymentFailed(reference(charge),
                    "EXPIRED".equals(status(charge)) ? "the charge expired unpaid" : "Coinbase reports the charge failed");
            default -> new EventFact.Irrelevant("event " + type + " needs no action");
        };
    }
}
