package dev.payledger.jdbc;

import dev.payledger.core.common.UserId;
import dev.payledger.core.idempotency.IdempotencyKeys;
import dev.payledger.core.idempotency.StoredResponse;

import java.time.Instant;

/**
 * Idempotency keys in {@code idempotency_keys}, primary key {@code (user_id, key)}. A claim is one
 * {@code INSERT … ON CONFLICT DO UPDATE … WHERE} that only takes over an unfinished claim older than
 * {@code staleBefore}, so two instances can never both own a key. Thread-safe.
 */
final class JdbiIdempotencyKeys implements IdempotencyKeys {
    private final JdbiTransactions transactions;

    JdbiIdempotencyKeys(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Claim claim(UserId user, String key, String fingerprint, Instant now, Instant staleBefore) {
        return transactions.withStatement(handle -> {
            boolean claimed = handle.createQuery("""
                            INSERT INTO idempotency_keys (user_id, key, fingerprint, claimed_at)
                            VALUES (:user, :key, :fingerprint, :now)
                            ON CONFLICT (user_id, key) DO UPDATE
                            SET fingerprint = excluded.fingerprint, claimed_at = excluded.claimed_at
                            WHERE idempotency_keys.response_status IS NULL AND idempotency_keys.claimed_at < :staleBefore
                            RETURNING 1""")
                    .bind("user", user.value()).bind("key", key).bind("fingerprint", fingerprint)
                    .bind("now", Sql.at(now)).bind("staleBefore", Sql.at(staleBefore))
                    .mapTo(Integer.class).findOne().isPresent();
            if (claimed) {
                return new Claim.Claimed();
            }
            return handle.createQuery("""
                            SELECT fingerprint, response_status, response_body FROM idempotency_keys
                            WHERE user_id = :user AND key = :key""")
                    .bind("user", user.value()).bind("key", key)
                    .map((rs, context) -> rs.getString("response_body") == null
                            ? (Claim) new Claim.InProgress(rs.getString("fingerprint"))
                            : new Claim.Completed(rs.getString("fingerprint"),
                                    new StoredResponse(rs.getInt("response_status"), rs.getString("response_body"))))
                    .findOne()
                    .orElseThrow(() -> new DatabaseException("Idempotency key vanished while being claimed"));
        });
    }

    @Override
    public void complete(UserId user, String key, StoredResponse response, Instant now) {
        int updated = transactions.withStatement(handle -> handle.createUpdate("""
                        UPDATE idempotency_keys SET response_status = :status, response_body = :body, completed_at = :now
                        WHERE user_id = :user AND key = :key""")
                .bind("user", user.value()).bind("key", key).bind("status", response.status())
                .bind("body", response.body()).bind("now", Sql.at(now))
                .execute());
        if (updated == 0) {
            throw new IllegalStateException("Key was not claimed");
        }
    }

    @Override
    public void release(UserId user, String key) {
        transactions.withStatement(handle -> handle.createUpdate("""
                        DELETE FROM idempotency_keys WHERE user_id = :user AND key = :key AND response_status IS NULL""")
                .bind("user", user.value()).bind("key", key).execute());
    }
}
