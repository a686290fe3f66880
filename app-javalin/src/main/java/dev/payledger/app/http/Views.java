package dev.payledger.app.http;

import dev.payledger.core.feature.FeatureGrant;
import dev.payledger.core.inbox.InboundEvent;
import dev.payledger.core.ledger.Wallet;
import dev.payledger.core.ledger.WalletEntry;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.Order;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.Refund;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The JSON shapes of the API (snake_case), built from core values. Amounts carry minor units and a decimal. */
final class Views {
    private Views() {
    }

    static Map<String, Object> money(Money money) {
        return Json.map("amount_minor", money.minor(), "currency", money.currencyCode(),
                "amount", money.toDecimalString());
    }

    /** A payment; {@code checkout} also says where its UPI QR code is ({@code qr_png_url}) when it has one. */
    static Map<String, Object> payment(Payment p) {
        Map<String, Object> checkout = new TreeMap<>(p.checkout());
        QrRoutes.link(p, checkout);
        return Json.map("id", p.id().value(), "order_id", p.orderId().value(), "user_id", p.user().value(),
                "provider", p.provider(), "status", p.status().name(), "amount", money(p.amount()),
                "refunded", money(p.refunded()), "provider_ref", p.providerRef().orElse(null),
                "provider_payment_id", p.providerPaymentId().orElse(null),
                "failure_reason", p.failureReason().orElse(null), "checkout", checkout,
                "created_at", time(p.createdAt()), "updated_at", time(p.updatedAt()),
                "expires_at", p.status().isOpen() ? time(p.createdAt().plus(dev.payledger.app.Backend.CHECKOUT_TTL)) : null);
    }

    static Map<String, Object> order(Order o) {
        return Json.map("id", o.id().value(), "buyer", o.buyer().value(),
                "lines", o.lines().stream().map(line -> Json.map("sku", line.sku(),
                        "kind", line.kind().name(), "name", line.name(), "quantity", line.quantity(),
                        "unit_price", money(line.unitPrice()), "total", money(line.total()),
                        "credits", line.credits())).toList(),
                "total", money(o.total()), "credits", o.credits(), "fulfilment", o.fulfilment().name(),
                "payment_status", o.paymentStatus().name(), "placed_at", time(o.placedAt()));
    }

    static Map<String, Object> refund(Refund r) {
        return Json.map("id", r.id().value(), "payment_id", r.paymentId().value(), "amount", money(r.amount()),
                "status", r.status().name(), "provider_refund_id", r.providerRefundId().orElse(null),
                "reason", r.reason(), "credits_clawed_back", r.creditsClawedBack(),
                "created_at", time(r.createdAt()));
    }

    static Map<String, Object> wallet(Wallet w) {
        return Json.map("user_id", w.user().value(), "balance", w.balance(), "earned", w.earned(),
                "spent", w.spent());
    }

    static Map<String, Object> entry(WalletEntry e) {
        return Json.map("sequence", e.sequence(), "type", e.type().name(), "amount", e.amount(),
                "balance_after", e.balanceAfter(), "description", e.description(),
                "transaction_key", e.transactionKey(), "posted_at", time(e.postedAt()));
    }

    static Map<String, Object> grant(FeatureGrant g) {
        return Json.map("feature", g.featureCode(), "activated_at", time(g.activatedAt()),
                "expires_at", g.expiresAt().map(Views::time).orElse(null));
    }

    static Map<String, Object> inbound(InboundEvent e) {
        return Json.map("id", e.id(), "provider", e.provider(), "event_id", e.eventId(), "type", e.type(),
                "state", e.state().name(), "attempts", e.attempts(), "last_error", e.lastError().orElse(null),
                "received_at", time(e.receivedAt()), "next_attempt_at", time(e.nextAttemptAt()));
    }

    static String time(Instant instant) {
        return instant.toString();
    }
}
