package dev.payledger.core.ledger;

/** What a ledger transaction means to the user whose wallet it touches. */
public enum EntryType {
    /** Credits bought with money. */
    PURCHASE,
    /** Credits spent to unlock a feature or pay for something. */
    SPEND,
    /** Credits clawed back (or money returned) because a payment was refunded. */
    REFUND,
    /** Credits given: a promotion, a goodwill gesture. */
    GRANT,
    /** A correction by support or an operator, either direction. */
    ADJUSTMENT,
    /** Money recorded without touching a wallet (a payment held for review). */
    SETTLEMENT
}
