package dev.payledger.core.idempotency;

import dev.payledger.core.common.UnitOfWork;
import dev.payledger.core.common.UserId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Runs a request once per {@code (user, Idempotency-Key)}, with Stripe's semantics: a repeat with the same
 * request gets the first response back; another request under the same key is refused; a repeat while the
 * first still runs is told it is in progress. A request that throws releases the key, so it can be retried.
 * A claim older than {@code staleAfter} (its caller died) may be taken over. Thread-safe.
 */
public final class IdempotentRequests {
    private final UnitOfWork unitOfWork;
    private final IdempotencyKeys keys;
    private final Clock clock;
    private final Duration staleAfter;

    public IdempotentRequests(UnitOfWork unitOfWork, IdempotencyKeys keys, Clock clock, Duration staleAfter) {
        this.unitOfWork = unitOfWork;
        this.keys = keys;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /**
     * @param fingerprint what identifies the request (method, path and body digest): same key + other
     *                    fingerprint is refused
     */
    public Outcome run(UserId user, String key, String fingerprint, Supplier<StoredResponse> request) {
        if (key == null || key.isBlank() || key.length() > 255 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            return new InvalidKey();
        }
        Instant now = clock.instant();
        IdempotencyKeys.Claim claim = unitOfWork.inTransaction(() ->
                keys.claim(user, key, fingerprint, now, now.minus(staleAfter)));
        if (claim instanceof IdempotencyKeys.Claim.Completed completed) {
            return completed.fingerprint().equals(fingerprint) ? new Replayed(completed.response()) : new Mismatch();
        }
        if (claim instanceof IdempotencyKeys.Claim.InProgress inProgress) {
            return inProgress.fingerprint().equals(fingerprint) ? new InProgress() : new Mismatch();
        }
        StoredResponse response;
        try {
            response = request.get();
        } catch (RuntimeException | Error e) {
            unitOfWork.inTransaction(() -> {
                keys.release(user, key);
                return null;
            });
            throw e;
        }
        unitOfWork.inTransaction(() -> {
            keys.complete(user, key, response, clock.instant());
            return null;
        });
        return new Executed(response);
    }

    public sealed interface Outcome {
    }

    /** First time: the request ran and its response is stored. */
    public record Executed(StoredResponse response) implements Outcome {
    }

    /** A repeat: the stored response of the first request. */
    public record Replayed(StoredResponse response) implements Outcome {
    }

    /** The key was used for a different request. */
    public record Mismatch() implements Outcome {
    }

    /** The first request with this key is still running. */
    public record InProgress() implements Outcome {
    }

    /** Blank, longer than 255 characters, or not printable ASCII. */
    public record InvalidKey() implements Outcome {
    }
}
