package dev.payledger.bench;

import dev.payledger.core.PayLedger;
import dev.payledger.core.batch.BatchStats;
import dev.payledger.core.batch.BatchedSettlement;
import dev.payledger.core.money.Money;
import dev.payledger.core.payment.PaymentReference;
import dev.payledger.core.payment.SettlePayment;
import dev.payledger.core.payment.SettlementEvidence;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Scenario 2: settlements through the library's one settlement path, {@code callers} concurrent callers, each
 * payment for a different wallet among many. The open payments (a credit package, ₹49 for 10 credits, at the
 * provider {@code fakepay}) are loaded first with SQL in the real schema; each call then settles one with
 * verified evidence. Run plain ({@code payLedger.settlePayment()}) or through {@link BatchedSettlement}: each
 * caller waiting for its settlement ({@code inFlight} 1, {@link BatchedSettlement#settle}), or keeping
 * {@code inFlight} settlements in flight ({@link BatchedSettlement#settleAsync}), as a consumer of a queue would.
 */
final class Settlements {
    static final String PROVIDER = "fakepay";
    private static final int WALLETS = 100_000;

    private Settlements() {
    }

    record Outcome(Load.Result load, Optional<BatchStats> batches) {
    }

    static Outcome run(PayLedger payLedger, Jdbi jdbi, String run, int callers, int inFlight, Duration duration,
                       int capacity, boolean batched) {
        if (inFlight > 1 && !batched) {
            throw new IllegalArgumentException("Only the batched settlement has an asynchronous call");
        }
        loadOpenPayments(jdbi, run, capacity);
        BatchedSettlement batch = batched ? BatchedSettlement.start(payLedger.persistence(), Clock.systemUTC()) : null;
        try {
            Load.Result load;
            if (inFlight > 1) {
                load = Load.run(callers, inFlight, Bench.warmup(duration), duration, 1,
                        sequence -> batch.settleAsync(evidence(run, exhaustedAfter(sequence, capacity)))
                                .thenApply(Settlements::settled));
            } else {
                Function<SettlementEvidence, SettlePayment.Result> settle =
                        batched ? batch::settle : payLedger.settlePayment()::settle;
                load = Load.run(callers, Bench.warmup(duration), duration, 1,
                        sequence -> settled(settle.apply(evidence(run, exhaustedAfter(sequence, capacity)))));
            }
            return new Outcome(load, Optional.ofNullable(batch).map(BatchedSettlement::stats));
        } finally {
            if (batch != null) {
                batch.close();
            }
        }
    }

    private static long exhaustedAfter(long sequence, int capacity) {
        if (sequence > capacity) {
            throw new Load.Exhausted();
        }
        return sequence;
    }

    private static boolean settled(SettlePayment.Result result) {
        if (!(result instanceof SettlePayment.Settled)) {
            throw new IllegalStateException("A payment did not settle: " + result);
        }
        return true;
    }

    static SettlementEvidence evidence(String run, long sequence) {
        return new SettlementEvidence(PROVIDER, PaymentReference.byProviderRef(run + "_ref_" + sequence),
                run + "_pp_" + sequence, Money.ofMinor("INR", 4900));
    }

    /** Open payments {@code 1..count} of run {@code run}: orders, their lines and payments, as checkout leaves them. */
    static void loadOpenPayments(Jdbi jdbi, String run, int count) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("""
                    INSERT INTO orders (id, buyer, total_minor, currency, fulfilment, payment_status, placed_at, version)
                    SELECT :run || '_ord_' || g, 'w' || (g % :wallets), 4900, 'INR', 'PLACED', 'PENDING', now(), 1
                    FROM generate_series(1, :count) g""").bind("run", run).bind("wallets", WALLETS)
                    .bind("count", count).execute();
            handle.createUpdate("""
                    INSERT INTO order_lines (order_id, line_no, sku, kind, name, quantity, unit_price_minor, currency,
                        credits_each)
                    SELECT :run || '_ord_' || g, 1, 'starter', 'CREDIT_PACKAGE', 'Starter', 1, 4900, 'INR', 10
                    FROM generate_series(1, :count) g""").bind("run", run).bind("count", count).execute();
            handle.createUpdate("""
                    INSERT INTO payments (id, order_id, user_id, provider, purchase_key, amount_minor, currency, status,
                        provider_ref, provider_payment_id, checkout, refunded_minor, failure_reason, created_at,
                        updated_at, version)
                    SELECT :run || '_pay_' || g, :run || '_ord_' || g, 'w' || (g % :wallets), :provider,
                        'package:starter:INR', 4900, 'INR', 'CREATED', :run || '_ref_' || g, NULL, '{}', 0, NULL,
                        now(), now(), 1
                    FROM generate_series(1, :count) g""").bind("run", run).bind("wallets", WALLETS)
                    .bind("provider", PROVIDER).bind("count", count).execute();
        });
        jdbi.useHandle(handle -> handle.execute("ANALYZE orders, order_lines, payments"));
    }
}
