package dev.payledger.core.inbox;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified provider event stored durably before it is acted on, unique on {@code (provider, eventId)}.
 * The body is kept byte for byte. {@code nextAttemptAt} is when a worker may (re)try it; a worker that
 * claims it pushes {@code nextAttemptAt} out by a lease, so a crashed worker's event is picked up again.
 */
public record InboundEvent(long id, String provider, String eventId, String type, byte[] body, Instant receivedAt,
                           InboxState state, int attempts, Optional<String> lastError, Instant nextAttemptAt) {
    public InboundEvent {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        body = Objects.requireNonNull(body, "body").clone();
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(state, "state");
        lastError = lastError == null ? Optional.empty() : lastError;
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }

    /** A new event, due at once; the id is assigned when stored. */
    public static InboundEvent received(String provider, String eventId, String type, byte[] body, Instant now) {
        return new InboundEvent(0, provider, eventId, type, body, now, InboxState.RECEIVED, 0, Optional.empty(), now);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
