package dev.payledger.bench;

import dev.payledger.core.PayLedger;
import dev.payledger.core.batch.BatchStats;
import dev.payledger.core.batch.HotWalletSpends;
import dev.payledger.core.common.UserId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.wallet.GrantCredits;
import dev.payledger.core.wallet.SpendCredits;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Scenario 4: {@code spenders} concurrent spenders on ONE wallet. Every tenth request asks for more than the
 * wallet holds and must be refused; the rest spend 1–3 credits. Afterwards the wallet must equal the grant
 * minus exactly the accepted spends, with one statement entry per accepted spend (no overdraft, no lost or
 * doubled debit). A second, short phase races all spenders for the last credits of a small wallet: exactly
 * {@code floor(1000 / 7)} spends of 7 may win.
 */
final class HotWallet {
    private static final long GRANT = 100_000_000L;
    private static final long TOO_MUCH = 1_000_000_000_000L;

    private HotWallet() {
    }

    record Outcome(Load.Result load, long overdrafts, long drainWinners, Optional<BatchStats> batches) {
    }

    static Outcome run(PayLedger payLedger, Jdbi jdbi, String run, int spenders, Duration duration, boolean batched) {
        HotWalletSpends hot = batched ? HotWalletSpends.start(payLedger.persistence(), Clock.systemUTC()) : null;
        Function<SpendCredits.Command, SpendCredits.Result> spend = batched ? hot::spend : payLedger.spendCredits()::spend;
        try {
            UserId wallet = grant(payLedger, "hot-" + run, GRANT);
            AtomicLong accepted = new AtomicLong();
            AtomicLong spends = new AtomicLong();
            Load.Result load = Load.run(spenders, Bench.warmup(duration), duration, 1, sequence -> {
                long credits = sequence % 10 == 0 ? TOO_MUCH : 1 + sequence % 3;
                SpendCredits.Result result = spend.apply(new SpendCredits.Command(wallet, credits, "r" + sequence,
                        "bench spend"));
                if (result instanceof SpendCredits.Spent) {
                    accepted.addAndGet(credits);
                    spends.incrementAndGet();
                    return true;
                }
                if (result instanceof SpendCredits.InsufficientCredits && credits == TOO_MUCH) {
                    return false;
                }
                throw new IllegalStateException("Unexpected " + result + " for " + credits + " credits");
            });
            long overdrafts = overdrafts(payLedger, jdbi, wallet, GRANT, accepted.get(), spends.get());
            long winners = drain(payLedger, "drain-" + run, spenders, spend);
            return new Outcome(load, overdrafts, winners, Optional.ofNullable(hot).map(HotWalletSpends::stats));
        } finally {
            if (hot != null) {
                hot.close();
            }
        }
    }

    /** Counts what is wrong with the wallet afterwards: 0 when balance, spent and entries are exactly right. */
    private static long overdrafts(PayLedger payLedger, Jdbi jdbi, UserId wallet, long granted, long spent,
                                   long spends) {
        long balance = payLedger.readWallet().wallet(wallet).balance();
        long entries = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM wallet_entries WHERE user_id = :user AND type = 'SPEND'")
                .bind("user", wallet.value()).mapTo(Long.class).one());
        long wrong = 0;
        wrong += balance < 0 ? 1 : 0;
        wrong += balance != granted - spent ? 1 : 0;
        wrong += entries != spends ? 1 : 0;
        return wrong;
    }

    private static long drain(PayLedger payLedger, String name, int spenders,
                              Function<SpendCredits.Command, SpendCredits.Result> spend) {
        UserId wallet = grant(payLedger, name, 1000);
        Load.Result race = Load.run(spenders, Duration.ofMinutes(5), 1, sequence -> {
            if (sequence > 400) {
                throw new Load.Exhausted();
            }
            return spend.apply(new SpendCredits.Command(wallet, 7, "d" + sequence, "drain"))
                    instanceof SpendCredits.Spent;
        });
        long balance = payLedger.readWallet().wallet(wallet).balance();
        if (race.done() != 1000 / 7 || balance != 1000 % 7) {
            throw new IllegalStateException("Drain race: " + race.done() + " winners, balance " + balance);
        }
        return race.done();
    }

    private static UserId grant(PayLedger payLedger, String name, long credits) {
        UserId wallet = UserId.of(name);
        payLedger.grantCredits().grant(new GrantCredits.Command(wallet, credits, EntryType.GRANT, "bench", name));
        return wallet;
    }
}
