package dev.payledger.core.ledger;

import dev.payledger.core.common.UserId;

import java.util.Map;
import java.util.NoSuchElementException;

/** What {@link Ledger#post} did. */
public sealed interface Posting {
    /**
     * Posted now. {@code wallets} holds every wallet the transaction moved, as it stood right after this
     * transaction (in a list posted together, before the later ones): the caller needs no second read for the
     * balance it reports. System accounts are not in it.
     */
    record Posted(LedgerTransaction transaction, Map<UserId, Wallet> wallets) implements Posting {
        public Posted {
            wallets = Map.copyOf(wallets);
        }

        /** The wallet of {@code user} right after this transaction; it must be one the transaction moved. */
        public Wallet wallet(UserId user) {
            Wallet wallet = wallets.get(user);
            if (wallet == null) {
                throw new NoSuchElementException("Transaction " + transaction.key() + " did not move the wallet of "
                        + user);
            }
            return wallet;
        }
    }

    /** A transaction with this key was posted before; nothing changed. */
    record AlreadyPosted(String key) implements Posting {
    }

    /** A wallet would have gone below zero; nothing changed. */
    record InsufficientFunds(AccountId account, long balance, long requested) implements Posting {
    }
}
