package dev.payledger.core.ledger;

/** What {@link Ledger#post} did. */
public sealed interface Posting {
    /** Posted now. */
    record Posted(LedgerTransaction transaction) implements Posting {
    }

    /** A transaction with this key was posted before; nothing changed. */
    record AlreadyPosted(String key) implements Posting {
    }

    /** A wallet would have gone below zero; nothing changed. */
    record InsufficientFunds(AccountId account, long balance, long requested) implements Posting {
    }
}
