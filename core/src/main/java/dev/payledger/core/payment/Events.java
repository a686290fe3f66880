package dev.payledger.core.payment;

import dev.payledger.core.outbox.Outbox;
import dev.payledger.core.outbox.OutboxEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes payment facts to the outbox, in the caller's transaction. */
final class Events {
    private Events() {
    }

    static void payment(Outbox outbox, String type, Payment payment, Instant now, String... extra) {
        outbox.append(of(type, payment, now, extra));
    }

    /** The event {@link #payment} appends. */
    static OutboxEvent of(String type, Payment payment, Instant now, String... extra) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("payment_id", payment.id().value());
        data.put("order_id", payment.orderId().value());
        data.put("provider", payment.provider());
        data.put("status", payment.status().name());
        data.put("amount", payment.amount().toDecimalString());
        data.put("currency", payment.amount().currencyCode());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            data.put(extra[i], extra[i + 1]);
        }
        return OutboxEvent.of(type, payment.user(), payment.id().value(), data, now);
    }
}
