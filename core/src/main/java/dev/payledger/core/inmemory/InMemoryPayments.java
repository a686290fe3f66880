package dev.payledger.core.inmemory;

import dev.payledger.core.common.UserId;
import dev.payledger.core.order.Order;
import dev.payledger.core.order.Orders;
import dev.payledger.core.outbox.Outbox;
import dev.payledger.core.outbox.OutboxEvent;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentId;
import dev.payledger.core.payment.PaymentStatus;
import dev.payledger.core.payment.Payments;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

final class InMemoryPayments implements Payments {
    private final InMemoryTransactions transactions;
    private final Orders orders;
    private final Outbox outbox;
    private final Table<PaymentId, Payment> payments;

    InMemoryPayments(InMemoryTransactions transactions, Orders orders, Outbox outbox) {
        this.transactions = transactions;
        this.orders = orders;
        this.outbox = outbox;
        this.payments = new Table<>(transactions);
    }

    @Override
    public void insert(Payment payment) {
        payments.read(() -> {
            requireUniqueProviderRef(payment);
            if (!payments.insert(payment.id(), payment)) {
                throw new IllegalStateException("Payment " + payment.id() + " exists");
            }
            return null;
        });
    }

    @Override
    public void insertWithOrder(Order order, Payment payment) {
        transactions.run(() -> {
            orders.insert(order);
            insert(payment);
        });
    }

    @Override
    public FoundWithOrders findByProviderRefsWithOrders(String provider, Collection<String> providerRefs) {
        Map<String, Payment> byRef = new LinkedHashMap<>();
        providerRefs.forEach(ref -> findByProviderRef(provider, ref).ifPresent(payment -> byRef.put(ref, payment)));
        return new FoundWithOrders(byRef, orders.findAll(byRef.values().stream().map(Payment::orderId)
                .collect(Collectors.toCollection(LinkedHashSet::new))));
    }

    @Override
    public boolean updateAllWithOrders(List<Payment> updated, List<Order> paid, List<OutboxEvent> events) {
        return transactions.inTransaction(() -> {
            boolean all = updateAll(updated) & orders.updateAll(paid);
            outbox.appendAll(events);
            return all;
        });
    }

    @Override
    public Optional<Payment> find(PaymentId id) {
        return payments.get(id);
    }

    @Override
    public Optional<Payment> findByProviderRef(String provider, String providerRef) {
        return payments.values().stream()
                .filter(p -> p.provider().equals(provider) && p.providerRef().filter(providerRef::equals).isPresent())
                .findFirst();
    }

    @Override
    public Optional<Payment> findByProviderPaymentId(String provider, String providerPaymentId) {
        return payments.values().stream()
                .filter(p -> p.provider().equals(provider)
                        && p.providerPaymentId().filter(providerPaymentId::equals).isPresent())
                .findFirst();
    }

    @Override
    public boolean update(Payment updated) {
        return payments.read(() -> {
            Optional<Payment> stored = payments.get(updated.id());
            if (stored.isEmpty() || stored.get().version() != updated.version() - 1) {
                return false;
            }
            requireUniqueProviderRef(updated);
            payments.put(updated.id(), updated);
            return true;
        });
    }

    @Override
    public Optional<Payment> findRecent(UserId user, String purchaseKey, String provider, Instant since) {
        return payments.values().stream()
                .filter(p -> p.belongsTo(user) && p.purchaseKey().equals(purchaseKey) && p.provider().equals(provider)
                        && !p.createdAt().isBefore(since))
                .max(Comparator.comparing(Payment::createdAt));
    }

    @Override
    public List<Payment> findStale(String provider, Collection<PaymentStatus> statuses, Instant updatedBefore,
                                   int limit) {
        return payments.values().stream()
                .filter(p -> p.provider().equals(provider) && statuses.contains(p.status())
                        && p.updatedAt().isBefore(updatedBefore))
                .sorted(Comparator.comparing(Payment::updatedAt)).limit(limit).toList();
    }

    @Override
    public List<Payment> listByUser(UserId user, int limit) {
        return payments.values().stream().filter(p -> p.belongsTo(user))
                .sorted(Comparator.comparing(Payment::createdAt).reversed()).limit(limit).toList();
    }

    @Override
    public List<PaymentTally> tally(Instant from, Instant to) {
        Map<String, long[]> sums = new TreeMap<>();
        for (Payment p : payments.values()) {
            if (p.createdAt().isBefore(from) || !p.createdAt().isBefore(to)) {
                continue;
            }
            String key = p.provider() + "|" + p.status() + "|" + p.amount().currencyCode();
            long[] sum = sums.computeIfAbsent(key, k -> new long[2]);
            sum[0]++;
            sum[1] = Math.addExact(sum[1], p.amount().minor());
        }
        return sums.entrySet().stream().map(e -> {
            String[] parts = e.getKey().split("\\|");
            return new PaymentTally(parts[0], PaymentStatus.valueOf(parts[1]), parts[2], e.getValue()[0], e.getValue()[1]);
        }).toList();
    }

    private void requireUniqueProviderRef(Payment payment) {
        payment.providerRef().ifPresent(ref -> findByProviderRef(payment.provider(), ref)
                .filter(other -> !other.id().equals(payment.id()))
                .ifPresent(other -> {
                    throw new IllegalStateException("Provider reference " + ref + " already belongs to " + other.id());
                }));
    }
}
