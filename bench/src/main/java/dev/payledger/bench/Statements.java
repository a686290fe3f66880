package dev.payledger.bench;

import dev.payledger.core.PayLedger;
import dev.payledger.core.common.Page;
import dev.payledger.core.common.UserId;
import dev.payledger.core.ledger.WalletEntry;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Scenario 7: reading a statement page (20 entries, keyset pagination) when the ledger holds {@code entries}
 * wallet entries. They are loaded with {@code generate_series} in the real schema as whole ledger
 * transactions (a grant of 1 credit: the transaction, its two postings, the entry, the wallet), so
 * verify-ledger still holds; then random pages of random wallets are read through the port.
 */
final class Statements {
    private static final int CHUNK = 1_000_000;

    private Statements() {
    }

    record Outcome(long entries, Duration loadTime, Latencies reads) {
    }

    static Outcome run(PayLedger payLedger, Jdbi jdbi, long entries, int wallets, int reads) {
        long perWallet = Math.max(1, entries / wallets);
        long total = perWallet * wallets;
        long began = System.nanoTime();
        boolean loaded = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM wallets WHERE user_id LIKE 'stmt%' AND last_sequence = :per")
                .bind("per", perWallet).mapTo(Long.class).one()) == wallets;
        if (!loaded) {
            loadLedger(jdbi, wallets, perWallet, total);
        }
        // The reads measure a settled database, as a long-lived one is: the bulk load vacuumed (else autovacuum's
        // first pass over the new rows runs during the reads) and written back.
        jdbi.useHandle(handle -> handle.execute(
                "VACUUM (ANALYZE) ledger_transactions, ledger_postings, wallet_entries, wallets"));
        jdbi.useHandle(handle -> handle.execute("CHECKPOINT"));
        Duration loadTime = Duration.ofNanos(System.nanoTime() - began);

        SplittableRandom random = new SplittableRandom(42);
        Latencies latencies = new Latencies();
        for (int i = 0; i < reads + reads / 10; i++) {
            UserId user = UserId.of(String.format(java.util.Locale.ROOT, "stmt%06d", random.nextInt(wallets)));
            Optional<String> cursor = random.nextInt(10) == 0 ? Optional.empty()
                    : Optional.of(Long.toString(2 + random.nextLong(perWallet)));
            long start = System.nanoTime();
            Page<WalletEntry> page = payLedger.readWallet().statement(user, cursor, 20);
            long took = System.nanoTime() - start;
            if (page.items().isEmpty()) {
                throw new IllegalStateException("Empty statement page for " + user + " at " + cursor);
            }
            if (i >= reads / 10) {
                latencies.record(took);
            }
        }
        return new Outcome(total, loadTime, latencies);
    }

    /** Wallets and their grants as whole ledger transactions, in chunks; skipped when a kept database has them. */
    private static void loadLedger(Jdbi jdbi, int wallets, long perWallet, long total) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO wallets (user_id, balance, earned, spent, last_sequence)
                        SELECT 'stmt' || lpad(u::text, 6, '0'), :per, :per, 0, :per
                        FROM generate_series(0, :wallets - 1) u""")
                .bind("per", perWallet).bind("wallets", wallets).execute());
        for (long from = 0; from < total; from += CHUNK) {
            load(jdbi, from, Math.min(total, from + CHUNK) - 1, perWallet);
        }
    }

    /**
     * Grants {@code i} in {@code from..to}: wallet {@code i / perWallet}, its entry {@code i % perWallet + 1}.
     * Keys are zero-padded so every index receives its rows in order (append-only B-tree inserts, the fast way).
     */
    private static void load(Jdbi jdbi, long from, long to, long perWallet) {
        String key = "'stmt:' || lpad(i::text, 12, '0')";
        String user = "'stmt' || lpad((i / :per)::text, 6, '0')";
        jdbi.useTransaction(handle -> {
            handle.createUpdate("INSERT INTO ledger_transactions (key, type, description, posted_at) SELECT " + key
                    + ", 'GRANT', 'Bench grant', now() FROM generate_series(:from, :to) i")
                    .bind("from", from).bind("to", to).execute();
            handle.createUpdate("INSERT INTO ledger_postings (tx_key, leg, account, asset, amount) SELECT " + key
                    + ", leg, CASE leg WHEN 1 THEN 'credits:issued' ELSE 'wallet:' || " + user + " END, 'CREDITS',"
                    + " CASE leg WHEN 1 THEN -1 ELSE 1 END"
                    + " FROM generate_series(:from, :to) i CROSS JOIN (VALUES (1), (2)) AS legs (leg) ORDER BY i, leg")
                    .bind("from", from).bind("to", to).bind("per", perWallet).execute();
            handle.createUpdate("INSERT INTO wallet_entries (user_id, sequence, tx_key, type, amount, balance_after,"
                    + " description, posted_at) SELECT " + user + ", i % :per + 1, " + key + ", 'GRANT', 1, i % :per + 1,"
                    + " 'Bench grant', now() FROM generate_series(:from, :to) i")
                    .bind("from", from).bind("to", to).bind("per", perWallet).execute();
        });
    }
}
