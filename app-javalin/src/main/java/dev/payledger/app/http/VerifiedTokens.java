package dev.payledger.app.http;

import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Tokens that passed verification, keyed by their exact text, each with the window it is valid in ({@code nbf}
 * and {@code exp} widened by the verifier's clock skew, in epoch milliseconds): a repeat costs a map look-up
 * instead of a signature check, and still stops at its expiry.
 *
 * <p>A token is remembered from its second pass, not its first: the first only notes its fingerprint (its
 * {@code hashCode}) in a fixed table of {@code int}s. A client that signs a token per request would otherwise
 * fill the map with tokens never seen again, each a handful of objects that every young collection copies until
 * they are promoted; a browser session pays one extra signature check. A fingerprint that collides only makes a
 * token remembered one pass early (it still passed verification), and an overwritten one only one pass late.
 *
 * <p>Holds at most {@code limit} tokens; when full, expired ones go first, then arbitrary ones, down to 7/8 of the
 * limit. Thread-safe: look-ups take no lock, insertions take one.
 */
final class VerifiedTokens {
    private static final int MIN_FINGERPRINTS = 1024;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicIntegerArray passedOnce;
    private final int slotMask;
    private final int limit;
    private final int keepWhenFull;

    VerifiedTokens(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.keepWhenFull = Math.min(limit - 1, limit - limit / 8);
        int slots = Math.max(MIN_FINGERPRINTS, Integer.highestOneBit(limit) * 2);
        this.passedOnce = new AtomicIntegerArray(slots);
        this.slotMask = slots - 1;
    }

    /** The caller of a remembered token if it is valid at {@code now}; empty when unknown, expired or not yet valid. */
    Optional<Caller> find(String token, long now) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return Optional.empty();
        }
        if (now >= entry.validUntil()) {
            entries.remove(token, entry);
            return Optional.empty();
        }
        return now > entry.validFrom() ? Optional.of(entry.caller()) : Optional.empty();
    }

    /**
     * A token just passed verification, valid after {@code validFrom} and before {@code validUntil}: remembered if
     * it passed before, otherwise its fingerprint is noted. Returns whether it is remembered now.
     */
    boolean passed(String token, Caller caller, long validFrom, long validUntil, long now) {
        int hash = token.hashCode();
        int fingerprint = hash == 0 ? 1 : hash;
        int slot = (hash ^ (hash >>> 16)) & slotMask;
        if (passedOnce.get(slot) != fingerprint) {
            passedOnce.set(slot, fingerprint);
            return false;
        }
        remember(token, caller, validFrom, validUntil, now);
        return true;
    }

    /** Remembers a token that just passed verification: valid after {@code validFrom} and before {@code validUntil}. */
    synchronized void remember(String token, Caller caller, long validFrom, long validUntil, long now) {
        if (entries.size() >= limit && !entries.containsKey(token)) {
            evict(now);
        }
        entries.put(token, new Entry(caller, validFrom, validUntil));
    }

    int size() {
        return entries.size();
    }

    private void evict(long now) {
        entries.values().removeIf(entry -> now >= entry.validUntil());
        Iterator<String> tokens = entries.keySet().iterator();
        while (entries.size() > keepWhenFull && tokens.hasNext()) {
            tokens.next();
            tokens.remove();
        }
    }

    private record Entry(Caller caller, long validFrom, long validUntil) {
    }
}
