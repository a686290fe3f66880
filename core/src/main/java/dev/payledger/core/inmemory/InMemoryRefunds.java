package dev.payledger.core.inmemory;

import dev.payledger.core.payment.PaymentId;
import dev.payledger.core.payment.Refund;
import dev.payledger.core.payment.RefundId;
import dev.payledger.core.payment.Refunds;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

final class InMemoryRefunds implements Refunds {
    private final Table<RefundId, Refund> refunds;

    InMemoryRefunds(InMemoryTransactions transactions) {
        this.refunds = new Table<>(transactions);
    }

    @Override
    public void insert(Refund refund) {
        if (!refunds.insert(refund.id(), refund)) {
            throw new IllegalStateException("Refund " + refund.id() + " exists");
        }
    }

    @Override
    public Optional<Refund> find(RefundId id) {
        return refunds.get(id);
    }

    @Override
    public Optional<Refund> findByProviderRefundId(PaymentId paymentId, String providerRefundId) {
        return refunds.values().stream()
                .filter(r -> r.paymentId().equals(paymentId) && r.providerRefundId().filter(providerRefundId::equals).isPresent())
                .findFirst();
    }

    @Override
    public boolean update(Refund updated) {
        return refunds.read(() -> {
            Optional<Refund> stored = refunds.get(updated.id());
            if (stored.isEmpty() || stored.get().version() != updated.version() - 1) {
                return false;
            }
            refunds.put(updated.id(), updated);
            return true;
        });
    }

    @Override
    public List<Refund> listByPayment(PaymentId paymentId) {
        return refunds.values().stream().filter(r -> r.paymentId().equals(paymentId))
                .sorted(Comparator.comparing(Refund::createdAt)).toList();
    }
}
