package dev.payledger.core.ledger;

import dev.payledger.core.common.Require;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of transfers posted together under a unique key ({@code settle:<paymentId>}, {@code spend:<id>}…).
 * Built from transfers, it balances per asset by construction. Posting the same key twice posts once.
 */
public record LedgerTransaction(String key, EntryType type, List<Transfer> transfers, String description,
                                Instant postedAt) {
    public LedgerTransaction {
        Require.token(key, "transaction key", 200);
        Require.nonNull(type, "entry type");
        Require.text(description, "description", 500);
        Require.nonNull(postedAt, "posted at");
        transfers = List.copyOf(Require.nonNull(transfers, "transfers"));
        if (transfers.isEmpty()) {
            throw new IllegalArgumentException("A ledger transaction needs at least one transfer");
        }
    }

    /**
     * The signed change per account: positive for money or credits in, negative for out. Each asset's
     * changes sum to zero.
     */
    public Map<AccountId, Long> changes() {
        Map<AccountId, Long> changes = new HashMap<>();
        for (Transfer transfer : transfers) {
            changes.merge(transfer.from(), -transfer.amount(), Math::addExact);
            changes.merge(transfer.to(), transfer.amount(), Math::addExact);
        }
        return changes;
    }
}
