package dev.payledger.core.ledger;

import dev.payledger.core.common.UserId;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The double-entry ledger and the wallet projection it keeps. Call inside a
 * {@link dev.payledger.core.common.UnitOfWork}. Implementations are thread-safe.
 *
 * <p>Invariants every implementation enforces, whatever the caller does: a transaction key is posted at
 * most once; a posted transaction is never changed; each asset's postings sum to zero; a wallet's balance
 * equals the sum of its entries and never goes below zero.
 */
public interface Ledger {
    /**
     * Posts the transaction and updates the wallets it touches, in the caller's transaction.
     *
     * @return {@link Posting.Posted}; or {@link Posting.AlreadyPosted} or {@link Posting.InsufficientFunds},
     *     in which case nothing was written
     */
    Posting post(LedgerTransaction transaction);

    boolean isPosted(String key);

    /** The user's wallet; a user who never had credits has an empty one. */
    Wallet wallet(UserId user);

    /** The user's entries, newest first, with {@code sequence < before} when given, at most {@code limit}. */
    List<WalletEntry> entries(UserId user, Optional<Long> before, int limit);

    /** The sum of all postings per asset; zero for every asset in a correct ledger. */
    Map<String, Long> totalsByAsset();

    /** The balance of an account computed from its postings. */
    long balance(AccountId account);

    /** Wallets whose projected balance, earned or spent differ from their entries (empty when correct). */
    List<WalletDrift> walletsOutOfBalance();

    record WalletDrift(UserId user, long projectedBalance, long entriesBalance) {
    }
}
