package dev.payledger.core.idempotency;

import dev.payledger.core.common.UserId;

import java.time.Instant;

/**
 * Stored idempotency keys, unique on {@code (user, key)}. Thread-safe; atomic across instances.
 */
public interface IdempotencyKeys {
    /**
     * Claims the key for a request with this fingerprint. A key claimed before and still in progress can be
     * taken over once {@code staleBefore} has passed it (the first caller died).
     */
    Claim claim(UserId user, String key, String fingerprint, Instant now, Instant staleBefore);

    /** Stores the response of a claimed key. */
    void complete(UserId user, String key, StoredResponse response, Instant now);

    /** Forgets a claimed key whose request failed in a way worth retrying (nothing was changed). */
    void release(UserId user, String key);

    sealed interface Claim {
        /** The key is now ours: run the request, then complete or release. */
        record Claimed() implements Claim {
        }

        record Completed(String fingerprint, StoredResponse response) implements Claim {
        }

        record InProgress(String fingerprint) implements Claim {
        }
    }
}
