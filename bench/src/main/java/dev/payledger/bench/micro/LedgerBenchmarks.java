package dev.payledger.bench.micro;

import dev.payledger.core.common.UserId;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.LedgerTransaction;
import dev.payledger.core.ledger.Transfer;
import dev.payledger.core.money.Money;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Ledger balancing: building a settlement's ledger transaction and computing its per-account changes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LedgerBenchmarks {
    private LedgerTransaction settlement;
    private final Instant now = Instant.parse("2026-11-21T10:00:00Z");
    private final UserId user = UserId.of("bench-user");

    @Setup
    public void setUp() {
        settlement = build();
    }

    @Benchmark
    public LedgerTransaction buildSettlement() {
        return build();
    }

    @Benchmark
    public Map<AccountId, Long> changes() {
        return settlement.changes();
    }

    private LedgerTransaction build() {
        Money price = Money.ofMinor("INR", 34900);
        return new LedgerTransaction("settle:pay_bench", EntryType.PURCHASE, List.of(
                new Transfer(AccountId.revenue(price.currency()), AccountId.clearing("razorpay", price.currency()),
                        price.minor()),
                new Transfer(AccountId.creditsIssued(), AccountId.wallet(user), 100)),
                "Pro via razorpay", now);
    }
}
