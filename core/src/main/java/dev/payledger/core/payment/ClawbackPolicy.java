package dev.payledger.core.payment;

/** What a refund does when the user already spent the credits it should claw back. */
public enum ClawbackPolicy {
    /** Refuse the refund ({@code CREDITS_ALREADY_SPENT}); nothing changes. The default. */
    REFUSE,
    /**
     * Refund anyway: claw back what the wallet still holds and write the rest off
     * ({@code credits:written-off}). Wallets never go negative.
     */
    FORCE
}
