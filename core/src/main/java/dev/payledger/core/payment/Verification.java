package dev.payledger.core.payment;

/** The outcome of checking a webhook. A rejected webhook must change nothing. */
public sealed interface Verification {
    record Verified(ProviderEvent event) implements Verification {
    }

    record Rejected(Reason reason, String message) implements Verification {
    }

    enum Reason {
        MISSING_SIGNATURE, INVALID_SIGNATURE, STALE_TIMESTAMP, MALFORMED
    }
}
