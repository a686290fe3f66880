package dev.payledger.core.payment;

import dev.payledger.core.common.Require;

/**
 * A verified provider event: its dedupe id ({@code X-Razorpay-Event-Id}, Stripe's {@code evt_…},
 * Coinbase's {@code X-Event-Id}), its provider type string, and what it means.
 */
public record ProviderEvent(String provider, String eventId, String type, EventFact fact) {
    public ProviderEvent {
        Require.token(provider, "provider", 32);
        Require.text(eventId, "event id", 200);
        Require.text(type, "event type", 200);
        Require.nonNull(fact, "fact");
    }
}
