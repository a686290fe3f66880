package dev.payledger.core.ledger;

import dev.payledger.core.common.UserId;

/**
 * A user's credits: the materialised projection of the wallet account, kept in the same transaction as
 * the postings. {@code earned} sums purchases, grants, adjustments and refund clawbacks (signed);
 * {@code spent} sums spends; so {@code balance == earned - spent} always.
 */
public record Wallet(UserId user, long balance, long earned, long spent) {
    public static Wallet empty(UserId user) {
        return new Wallet(user, 0, 0, 0);
    }
}
