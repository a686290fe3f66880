package dev.payledger.core.payment;

import java.util.List;
import java.util.Optional;

/** Stored refunds. Call inside a {@link dev.payledger.core.common.UnitOfWork}. Thread-safe. */
public interface Refunds {
    /** Stores a new refund; throws {@link IllegalStateException} if the id exists. */
    void insert(Refund refund);

    Optional<Refund> find(RefundId id);

    /** The refund the provider knows by this id, among the refunds of the payment. */
    Optional<Refund> findByProviderRefundId(PaymentId paymentId, String providerRefundId);

    /** Compare-and-set on {@code version}, as {@link Payments#update}. */
    boolean update(Refund updated);

    List<Refund> listByPayment(PaymentId paymentId);
}
