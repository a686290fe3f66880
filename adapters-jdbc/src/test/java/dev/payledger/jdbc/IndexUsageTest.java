package dev.payledger.jdbc;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The hot queries have an index to use. Sequential scans are switched off to ask the planner which index
 * it would take on these small tables; the ledger's trigger checks are counted as they run instead.
 */
class IndexUsageTest {

    /** Enough varied payments, analysed, for the planner to choose between the payments indexes. */
    @BeforeAll
    static void realisticPayments() {
        TestDatabase.clean();
        TestDatabase.jdbi().useHandle(handle -> {
            handle.execute("""
                    INSERT INTO payments (id, order_id, user_id, provider, purchase_key, amount_minor, currency, status,
                        provider_ref, created_at, updated_at, version)
                    SELECT 'pay_' || i, 'ord_' || i, 'user' || (i % 500), (ARRAY['razorpay', 'stripe', 'coinbase'])[1 + i % 3],
                        'package:' || (ARRAY['starter', 'popular', 'pro'])[1 + i % 3] || ':INR', 4900, 'INR',
                        (ARRAY['CREATED', 'AUTHORIZED', 'CAPTURED', 'CAPTURED', 'CAPTURED', 'FAILED', 'EXPIRED',
                               'CANCELLED', 'REFUNDED'])[1 + i % 9],
                        'ref_' || i, now() - i * interval '1 minute', now() - i * interval '1 minute', 1
                    FROM generate_series(1, 5000) AS i""");
            handle.execute("ANALYZE payments");
        });
    }

    @AfterAll
    static void emptyAgain() {
        TestDatabase.clean();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "statement keyset page | wallet_entries_pkey | SELECT * FROM wallet_entries WHERE user_id = 'alice' AND sequence < 100 ORDER BY sequence DESC LIMIT 20",
            "reconciler stale scan | payments_stale_scan | SELECT * FROM payments WHERE provider = 'razorpay' AND status = ANY('{CREATED,AUTHORIZED}') AND updated_at < now() - interval '5 minutes' ORDER BY updated_at LIMIT 50",
            "inbox due events | inbox_events_due | SELECT id FROM inbox_events WHERE state = 'RECEIVED' AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT 10 FOR UPDATE SKIP LOCKED",
            "payment by provider ref | payments_provider_ref_unique | SELECT * FROM payments WHERE provider = 'stripe' AND provider_ref = 'ref_2'",
            "settlement batch read | payments_provider_ref_unique | SELECT * FROM payments p LEFT JOIN orders o ON o.id = p.order_id LEFT JOIN order_lines l ON l.order_id = o.id WHERE p.provider = 'stripe' AND p.provider_ref = ANY('{ref_2,ref_3}') ORDER BY p.id, l.line_no",
            "system account balance | ledger_postings_by_account | SELECT sum(amount) FROM ledger_postings WHERE account = 'credits:issued' AND asset = 'CREDITS'",
            "recent checkout reuse | payments_by_user | SELECT * FROM payments WHERE user_id = 'user7' AND purchase_key = 'package:popular:INR' AND provider = 'stripe' AND created_at >= now() - interval '10 minutes' ORDER BY created_at DESC, id DESC LIMIT 1"})
    void hotQueryUsesItsIndex(String query, String index, String sql) {
        List<String> plan = TestDatabase.jdbi().inTransaction(handle -> {
            handle.execute("SET LOCAL enable_seqscan = off");
            return handle.createQuery("EXPLAIN " + sql).mapTo(String.class).list();
        });

        assertThat(String.join("\n", plan)).as(query).contains(index);
    }

    /**
     * The ledger's parent checks (statement triggers, V7) probe the parents' primary keys even when the tables
     * were empty at planning time. PL/pgSQL plans such a query once per connection with the tables' size of that
     * moment, and a table vacuumed while empty is believed empty: the check became a sequential scan of the whole
     * parent, which the connection kept while the tables grew until autovacuum first analysed them (on a fresh
     * database the bench's 8 callers read 102 million rows of each parent in 14,317 settlements). V9 runs the
     * checks with sequential scans off; this test fails without it (2 scans of each parent).
     */
    @Test
    void ledgerChecksProbeTheirParentsIndexesOnEmptyTables() {
        TestDatabase.clean();
        TestDatabase.jdbi().useHandle(handle -> handle.execute("VACUUM ANALYZE wallets, ledger_transactions"));
        Map<String, Long> sequentialScans = TestDatabase.jdbi().inTransaction(handle -> {
            // the counts include what this connection did before and has not reported yet: count the difference
            Map<String, Long> before = sequentialScans(handle);
            handle.execute("INSERT INTO wallets (user_id, balance, earned, spent, last_sequence) VALUES ('alice', 10, 10, 0, 1)");
            handle.execute("INSERT INTO ledger_transactions (key, type, description, posted_at) VALUES ('tx1', 'GRANT', 'grant', now())");
            handle.execute("""
                    INSERT INTO ledger_postings (tx_key, leg, account, asset, amount)
                    VALUES ('tx1', 1, 'credits:issued', 'CREDITS', -10), ('tx1', 2, 'wallet:alice', 'CREDITS', 10)""");
            handle.execute("""
                    INSERT INTO wallet_entries (user_id, sequence, tx_key, type, amount, balance_after, description, posted_at)
                    VALUES ('alice', 1, 'tx1', 'GRANT', 10, 10, 'grant', now())""");
            Map<String, Long> after = sequentialScans(handle);
            return after.keySet().stream().collect(Collectors.toMap(table -> table,
                    table -> after.get(table) - before.getOrDefault(table, 0L)));
        });

        assertThat(sequentialScans).containsOnly(entry("ledger_transactions", 0L), entry("wallets", 0L));
    }

    private static Map<String, Long> sequentialScans(Handle handle) {
        return handle.createQuery("""
                        SELECT relname, seq_scan FROM pg_stat_xact_user_tables
                        WHERE relname IN ('ledger_transactions', 'wallets')""")
                .map((rs, ctx) -> Map.entry(rs.getString("relname"), rs.getLong("seq_scan")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
