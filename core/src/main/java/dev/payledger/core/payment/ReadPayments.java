package dev.payledger.core.payment;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.UserId;

import java.util.List;
import java.util.Optional;

/** Reads payments and their refunds (for status polling and listings). Thread-safe. */
public final class ReadPayments {
    private final Persistence store;

    public ReadPayments(Persistence store) {
        this.store = store;
    }

    public Optional<Payment> find(PaymentId id) {
        return store.unitOfWork().inTransaction(() -> store.payments().find(id));
    }

    /** The user's payments, newest first. */
    public List<Payment> list(UserId user, int limit) {
        return store.unitOfWork().inTransaction(() -> store.payments().listByUser(user, Math.min(Math.max(limit, 1), 100)));
    }

    public List<Refund> refunds(PaymentId id) {
        return store.unitOfWork().inTransaction(() -> store.refunds().listByPayment(id));
    }
}
