package dev.payledger.core.ledger;

import dev.payledger.core.common.UnitOfWork;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the ledger's invariants over everything stored: every asset's postings sum to zero, and every
 * wallet's projected balance, earned and spent agree with its entries. Thread-safe.
 */
public final class VerifyLedger {
    private final UnitOfWork unitOfWork;
    private final Ledger ledger;

    public VerifyLedger(UnitOfWork unitOfWork, Ledger ledger) {
        this.unitOfWork = unitOfWork;
        this.ledger = ledger;
    }

    public Report verify() {
        return unitOfWork.inTransaction(() -> {
            Map<String, Long> unbalanced = new TreeMap<>();
            ledger.totalsByAsset().forEach((asset, total) -> {
                if (total != 0) {
                    unbalanced.put(asset, total);
                }
            });
            return new Report(unbalanced, ledger.walletsOutOfBalance());
        });
    }

    /** {@code unbalancedAssets}: assets whose postings do not sum to zero, with the sum. */
    public record Report(Map<String, Long> unbalancedAssets, List<Ledger.WalletDrift> driftingWallets) {
        public Report {
            unbalancedAssets = Map.copyOf(unbalancedAssets);
            driftingWallets = List.copyOf(driftingWallets);
        }

        public boolean isClean() {
            return unbalancedAssets.isEmpty() && driftingWallets.isEmpty();
        }
    }
}
