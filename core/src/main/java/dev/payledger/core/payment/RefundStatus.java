package dev.payledger.core.payment;

/** {@code REQUESTED → PENDING → SUCCEEDED | FAILED}, or straight from {@code REQUESTED} to either end. */
public enum RefundStatus {
    /** Recorded and credits clawed back; the provider has not answered yet. */
    REQUESTED,
    /** The provider accepted it and will confirm later. */
    PENDING,
    SUCCEEDED,
    FAILED;

    public boolean canMoveTo(RefundStatus target) {
        return switch (this) {
            case REQUESTED -> target != REQUESTED;
            case PENDING -> target == SUCCEEDED || target == FAILED;
            case SUCCEEDED, FAILED -> false;
        };
    }

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
