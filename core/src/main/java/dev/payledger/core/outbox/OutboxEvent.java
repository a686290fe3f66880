package dev.payledger.core.outbox;

import dev.payledger.core.common.UserId;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A fact PayLedger tells the world about ({@code payment.paid}, {@code wallet.credited}…), written in the same
 * transaction as the change it describes. {@code sequence} orders them and is assigned when appended.
 */
public record OutboxEvent(long sequence, String type, UserId user, String subject, Map<String, String> data,
                          Instant occurredAt) {
    public OutboxEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(subject, "subject");
        data = Map.copyOf(data);
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    public static OutboxEvent of(String type, UserId user, String subject, Map<String, String> data, Instant now) {
        return new OutboxEvent(0, type, user, subject, data, now);
    }
}
