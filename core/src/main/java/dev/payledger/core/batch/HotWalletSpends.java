package dev.payledger.core.batch;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.UserId;
import dev.payledger.core.wallet.SpendCredits;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SpendCredits} for hot wallets: every spend of a wallet goes to the same single writer (one of
 * {@code lanes}, chosen by the user), which drains the spends that queued and runs them in one transaction.
 * Inside it each spend is checked against the wallet's running balance, refused without touching the ledger
 * when it cannot be afforded, and otherwise posted as its own ledger transaction
 * ({@code spend:<user>:<reference>}, the same key as {@link SpendCredits}, so either path spends a reference
 * once) with its own statement entry. The ledger's conditional update still guards every debit, so no
 * overdraft is possible even beside other writers. A failed batch falls back to {@link SpendCredits} one by
 * one. Results are {@link SpendCredits}' own. Thread-safe; close it to stop the writers.
 */
public final class HotWalletSpends implements AutoCloseable {
    private final List<Batcher<SpendCredits.Command, SpendCredits.Result>> lanes;

    /**
     * @param lanes    writer threads; a wallet always uses the same one
     * @param maxBatch the most spends per transaction
     * @param linger   how long a writer waits for a fuller batch (zero: group what queued during the last commit)
     */
    public HotWalletSpends(Persistence store, Clock clock, int lanes, int maxBatch, Duration linger) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1");
        }
        SpendCredits alone = new SpendCredits(store, clock);
        List<Batcher<SpendCredits.Command, SpendCredits.Result>> writers = new ArrayList<>(lanes);
        for (int lane = 0; lane < lanes; lane++) {
            WalletDebits debits = new WalletDebits(store, clock);
            writers.add(new Batcher<>("payledger-hot-wallet-" + lane, store.unitOfWork(), debits::spendAll,
                    alone::spend, maxBatch, linger));
        }
        this.lanes = List.copyOf(writers);
    }

    /** One lane, batches of up to 256 spends, no lingering. */
    public static HotWalletSpends start(Persistence store, Clock clock) {
        return new HotWalletSpends(store, clock, 1, 256, Duration.ZERO);
    }

    /** Spends in the wallet's next batch and waits for its commit; see {@link SpendCredits#spend}. */
    public SpendCredits.Result spend(SpendCredits.Command command) {
        return lane(command.user()).submit(command);
    }

    /** The writers' counters, summed. */
    public BatchStats stats() {
        long batches = 0;
        long requests = 0;
        long failed = 0;
        long alone = 0;
        for (Batcher<SpendCredits.Command, SpendCredits.Result> lane : lanes) {
            BatchStats stats = lane.stats();
            batches += stats.batches();
            requests += stats.requests();
            failed += stats.failedBatches();
            alone += stats.requestsAlone();
        }
        return new BatchStats(batches, requests, failed, alone);
    }

    private Batcher<SpendCredits.Command, SpendCredits.Result> lane(UserId user) {
        return lanes.get(Math.floorMod(user.hashCode(), lanes.size()));
    }

    @Override
    public void close() {
        lanes.forEach(Batcher::close);
    }
}
