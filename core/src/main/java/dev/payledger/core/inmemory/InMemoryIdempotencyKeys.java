package dev.payledger.core.inmemory;

import dev.payledger.core.common.UserId;
import dev.payledger.core.idempotency.IdempotencyKeys;
import dev.payledger.core.idempotency.StoredResponse;

import java.time.Instant;
import java.util.Optional;

final class InMemoryIdempotencyKeys implements IdempotencyKeys {
    private final Table<String, Row> keys;

    private record Row(String fingerprint, Instant claimedAt, Optional<StoredResponse> response) {
    }

    InMemoryIdempotencyKeys(InMemoryTransactions transactions) {
        this.keys = new Table<>(transactions);
    }

    @Override
    public Claim claim(UserId user, String key, String fingerprint, Instant now, Instant staleBefore) {
        return keys.read(() -> {
            Optional<Row> existing = keys.get(key(user, key));
            if (existing.isEmpty() || (existing.get().response().isEmpty()
                    && existing.get().claimedAt().isBefore(staleBefore))) {
                keys.put(key(user, key), new Row(fingerprint, now, Optional.empty()));
                return new Claim.Claimed();
            }
            Row row = existing.get();
            return row.response().<Claim>map(response -> new Claim.Completed(row.fingerprint(), response))
                    .orElseGet(() -> new Claim.InProgress(row.fingerprint()));
        });
    }

    @Override
    public void complete(UserId user, String key, StoredResponse response, Instant now) {
        keys.read(() -> {
            Row row = keys.get(key(user, key)).orElseThrow(() -> new IllegalStateException("Key was not claimed"));
            keys.put(key(user, key), new Row(row.fingerprint(), row.claimedAt(), Optional.of(response)));
            return null;
        });
    }

    @Override
    public void release(UserId user, String key) {
        keys.read(() -> {
            keys.get(key(user, key)).filter(row -> row.response().isEmpty()).ifPresent(row -> keys.remove(key(user, key)));
            return null;
        });
    }

    private static String key(UserId user, String key) {
        return user.value() + "\n" + key;
    }
}
