package dev.payledger.core.idempotency;

import java.util.Objects;

/** The first response given under an idempotency key, replayed to every repeat. */
public record StoredResponse(int status, String body) {
    public StoredResponse {
        Objects.requireNonNull(body, "body");
    }
}
