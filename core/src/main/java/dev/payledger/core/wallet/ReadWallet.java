package dev.payledger.core.wallet;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.Page;
import dev.payledger.core.common.UserId;
import dev.payledger.core.ledger.Wallet;
import dev.payledger.core.ledger.WalletEntry;

import java.util.List;
import java.util.Optional;

/**
 * Reads a wallet and its statement. The statement is keyset-paginated on the entry sequence, newest first:
 * a page's {@code nextCursor} is passed back to get the next one. Thread-safe.
 */
public final class ReadWallet {
    public static final int MAX_PAGE = 100;

    private final Persistence store;

    public ReadWallet(Persistence store) {
        this.store = store;
    }

    public Wallet wallet(UserId user) {
        return store.unitOfWork().inTransaction(() -> store.ledger().wallet(user));
    }

    /**
     * @param cursor a {@code nextCursor} from the previous page, or empty for the newest entries
     * @throws IllegalArgumentException for a cursor that is not one of ours
     */
    public Page<WalletEntry> statement(UserId user, Optional<String> cursor, int limit) {
        int size = Math.min(Math.max(limit, 1), MAX_PAGE);
        Optional<Long> before = cursor.map(ReadWallet::parseCursor);
        List<WalletEntry> entries = store.unitOfWork().inTransaction(() ->
                store.ledger().entries(user, before, size + 1));
        boolean more = entries.size() > size;
        List<WalletEntry> page = more ? entries.subList(0, size) : entries;
        Optional<String> next = more ? Optional.of(Long.toString(page.get(page.size() - 1).sequence())) : Optional.empty();
        return new Page<>(page, next);
    }

    private static long parseCursor(String cursor) {
        try {
            long sequence = Long.parseLong(cursor);
            if (sequence < 1) {
                throw new NumberFormatException();
            }
            return sequence;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid cursor");
        }
    }
}
