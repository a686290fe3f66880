package dev.payledger.reliability.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The business state of a PayLedger database in one comparable string: orders, payments (with status and
 * amounts), refunds, ledger transactions and postings, wallets, inbox, outbox and feature grants. Idempotency keys
 * are left out on purpose: a refused request under a key stores its refusal, by design.
 */
public final class Snapshot {
    private static final String QUERY = """
            SELECT (SELECT count(*) FROM orders) || ' orders, '
                || (SELECT coalesce(md5(string_agg(id || payment_status || fulfilment, ',' ORDER BY id)), '-') FROM orders)
                || ' | ' || (SELECT count(*) FROM payments) || ' payments '
                || (SELECT coalesce(md5(string_agg(id || status || amount_minor || refunded_minor || coalesce(provider_ref, ''),
                        ',' ORDER BY id)), '-') FROM payments)
                || ' | ' || (SELECT count(*) FROM refunds) || ' refunds'
                || ' | ' || (SELECT count(*) FROM ledger_transactions) || ' ledger tx, '
                || (SELECT count(*) FROM ledger_postings) || ' postings'
                || ' | wallets ' || (SELECT count(*) FROM wallets) || ' balance ' || (SELECT coalesce(sum(balance), 0) FROM wallets)
                || ' earned ' || (SELECT coalesce(sum(earned), 0) FROM wallets)
                || ' | inbox ' || (SELECT count(*) FROM inbox_events)
                || ' | outbox ' || (SELECT count(*) FROM outbox_events)
                || ' | grants ' || (SELECT count(*) FROM feature_grants)""";

    private Snapshot() {
    }

    public static String of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(QUERY)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take a snapshot", e);
        }
    }
}
