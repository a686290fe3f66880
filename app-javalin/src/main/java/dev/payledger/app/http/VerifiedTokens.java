package dev.payledger.app.http;

import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens that passed verification, keyed by their exact text, each with the window it is valid in ({@code nbf}
 * and {@code exp} widened by the verifier's clock skew): a repeat costs a map look-up instead of a signature check,
 * and still stops at its expiry. Holds at most {@code limit} tokens; when full, expired ones go first, then
 * arbitrary ones, down to 7/8 of the limit. Thread-safe: look-ups take no lock, insertions take one.
 */
final class VerifiedTokens {
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int limit;
    private final int keepWhenFull;

    VerifiedTokens(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.keepWhenFull = Math.min(limit - 1, limit - limit / 8);
    }

    /** The caller of a remembered token if it is valid at {@code now}; empty when unknown, expired or not yet valid. */
    Optional<Caller> find(String token, Instant now) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return Optional.empty();
        }
        if (!now.isBefore(entry.validUntil())) {
            entries.remove(token, entry);
            return Optional.empty();
        }
        return now.isAfter(entry.validFrom()) ? Optional.of(entry.caller()) : Optional.empty();
    }

    /** Remembers a token that just passed verification: valid after {@code validFrom} and before {@code validUntil}. */
    synchronized void remember(String token, Caller caller, Instant validFrom, Instant validUntil, Instant now) {
        if (entries.size() >= limit && !entries.containsKey(token)) {
            evict(now);
        }
        entries.put(token, new Entry(caller, validFrom, validUntil));
    }

    int size() {
        return entries.size();
    }

    private void evict(Instant now) {
        entries.values().removeIf(entry -> !now.isBefore(entry.validUntil()));
        Iterator<String> tokens = entries.keySet().iterator();
        while (entries.size() > keepWhenFull && tokens.hasNext()) {
            tokens.next();
            tokens.remove();
        }
    }

    private record Entry(Caller caller, Instant validFrom, Instant validUntil) {
    }
}
