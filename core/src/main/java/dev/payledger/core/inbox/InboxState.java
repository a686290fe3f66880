package dev.payledger.core.inbox;

/** {@code RECEIVED → PROCESSED | IGNORED | FAILED}; a failed attempt stays RECEIVED until the retry cap. */
public enum InboxState {
    RECEIVED, PROCESSED, IGNORED, FAILED
}
