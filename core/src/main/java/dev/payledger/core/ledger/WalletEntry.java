package dev.payledger.core.ledger;

import dev.payledger.core.common.UserId;

import java.time.Instant;

/**
 * One line of a user's statement: the change a transaction made to their wallet and the balance after it.
 * {@code sequence} grows with every entry of the wallet and is the statement's cursor.
 */
public record WalletEntry(long sequence, UserId user, String transactionKey, EntryType type, long amount,
                          long balanceAfter, String description, Instant postedAt) {
}
