package dev.payledger.bench;

import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;

/**
 * Open Razorpay payments loaded with SQL in the real schema (as a checkout leaves them: order, line, payment
 * with its Razorpay order id), and the signed {@code payment.captured} events that settle them.
 */
final class RazorpayPayments {
    private RazorpayPayments() {
    }

    static void loadOpen(Jdbi jdbi, String run, int count) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("""
                    INSERT INTO orders (id, buyer, total_minor, currency, fulfilment, payment_status, placed_at, version)
                    SELECT :run || '_ord_' || g, 'hw' || g, 4900, 'INR', 'PLACED', 'PENDING', now(), 1
                    FROM generate_series(1, :count) g""").bind("run", run).bind("count", count).execute();
            handle.createUpdate("""
                    INSERT INTO order_lines (order_id, line_no, sku, kind, name, quantity, unit_price_minor, currency,
                        credits_each)
                    SELECT :run || '_ord_' || g, 1, 'starter', 'CREDIT_PACKAGE', 'Starter', 1, 4900, 'INR', 10
                    FROM generate_series(1, :count) g""").bind("run", run).bind("count", count).execute();
            handle.createUpdate("""
                    INSERT INTO payments (id, order_id, user_id, provider, purchase_key, amount_minor, currency, status,
                        provider_ref, provider_payment_id, checkout, refunded_minor, failure_reason, created_at,
                        updated_at, version)
                    SELECT :run || '_pay_' || g, :run || '_ord_' || g, 'hw' || g, 'razorpay', 'package:starter:INR',
                        4900, 'INR', 'CREATED', 'order_' || :run || '_' || g, NULL, '{}', 0, NULL, now(), now(), 1
                    FROM generate_series(1, :count) g""").bind("run", run).bind("count", count).execute();
        });
    }

    /** Fresh planner statistics for payments after a load (the look-ups by provider reference plan on them). */
    static void analyze(Jdbi jdbi) {
        jdbi.useHandle(handle -> handle.execute("ANALYZE payments"));
    }

    static long captured(Jdbi jdbi, String run) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT count(*) FROM payments WHERE provider = 'razorpay' AND provider_ref LIKE :prefix
                          AND status = 'CAPTURED'""")
                .bind("prefix", "order_" + run + "\\_%").mapTo(Long.class).one());
    }

    static byte[] capturedEvent(String run, long n) {
        return ("{\"entity\":\"event\",\"account_id\":\"acc_bench\",\"event\":\"payment.captured\",\"contains\":[\"payment\"],"
                + "\"payload\":{\"payment\":{\"entity\":{\"id\":\"pay_" + run + "_" + n + "\",\"entity\":\"payment\","
                + "\"amount\":4900,\"currency\":\"INR\",\"status\":\"captured\",\"order_id\":\"order_" + run + "_" + n
                + "\",\"method\":\"upi\",\"captured\":true,\"notes\":{},\"created_at\":1767000000}}},"
                + "\"created_at\":1767000000}").getBytes(StandardCharsets.UTF_8);
    }
}
