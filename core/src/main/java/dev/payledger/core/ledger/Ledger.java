package dev.payledger.core.ledger;

import dev.payledger.core.common.UserId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
     * @return {@link Posting.Posted} with the wallets as this transaction left them (no second read needed); or
     *     {@link Posting.AlreadyPosted} or {@link Posting.InsufficientFunds}, in which case nothing was written
     */
    Posting post(LedgerTransaction transaction);

    /**
     * Posts the transactions as if {@link #post} were called for each in order (a key repeated in the list
     * posts once, the later ones are {@link Posting.AlreadyPosted}; a debit is checked against the balance the
     * earlier ones left; each {@link Posting.Posted} carries its wallets as they stood right after it, not after
     * the list). Stores may do it in a few statements for the whole list; this default posts one by one.
     *
     * @return one posting per transaction, in order
     */
    default List<Posting> postAll(List<LedgerTransaction> transactions) {
        List<Posting> postings = new ArrayList<>(transactions.size());
        for (LedgerTransaction transaction : transactions) {
            postings.add(post(transaction));
        }
        return postings;
    }

    boolean isPosted(String key);

    /** Which of these keys are posted; this default asks {@link #isPosted} for each. */
    default Set<String> postedKeys(Collection<String> keys) {
        Set<String> posted = new HashSet<>();
        for (String key : keys) {
            if (isPosted(key)) {
                posted.add(key);
            }
        }
        return posted;
    }

    /** The user's wallet; a user who never had credits has an empty one. */
    Wallet wallet(UserId user);

    /** The users' wallets (empty ones for users who never had credits), keyed by user. */
    default Map<UserId, Wallet> wallets(Collection<UserId> users) {
        Map<UserId, Wallet> wallets = new LinkedHashMap<>();
        for (UserId user : users) {
            wallets.computeIfAbsent(user, this::wallet);
        }
        return wallets;
    }

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
