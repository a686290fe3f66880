package dev.payledger.core.payment;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.ConcurrentChangeException;
import dev.payledger.core.ledger.Wallet;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.LedgerTransaction;
import dev.payledger.core.ledger.Posting;
import dev.payledger.core.ledger.Transfer;
import dev.payledger.core.order.FulfilmentStatus;
import dev.payledger.core.order.Order;
import dev.payledger.core.order.OrderId;
import dev.payledger.core.order.OrderPaymentStatus;
import dev.payledger.core.outbox.OutboxEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One call of {@link SettlePayment#settleAll} inside its transaction: the evidences are decided in order
 * against the state the earlier ones left (the same payment twice: settled once, then {@code AlreadySettled};
 * a second payment for an order paid earlier in the list: held for review), exactly as if settled one after
 * another; the writes of all captures then go to the store together (ledger, then payments with their orders and
 * the outbox: a few statements for the whole list on a store that batches). Used by one thread, once.
 */
final class SettlementBatch {
    private final Persistence store;
    private final Instant now;
    private final Map<PaymentId, Payment> payments = new HashMap<>();
    private final Map<OrderId, Order> orders = new HashMap<>();
    private final List<Payment> captured = new ArrayList<>();
    private final List<Order> paidOrders = new ArrayList<>();
    private final List<LedgerTransaction> settlements = new ArrayList<>();
    private final List<PendingEvent> events = new ArrayList<>();
    /** The balance each settlement left in its wallet, by payment, known once the settlements are posted. */
    private final Map<PaymentId, Long> balances = new HashMap<>();

    /**
     * An outbox event, or (when {@code event} is null) the wallet.credited event whose balance the ledger tells
     * when the settlement is posted.
     */
    private record PendingEvent(OutboxEvent event, Payment credited, long credits) {
    }

    SettlementBatch(Persistence store, Instant now) {
        this.store = store;
        this.now = now;
    }

    List<SettlePayment.Result> settle(List<SettlementEvidence> evidences) {
        List<Optional<Payment>> found = locate(evidences);
        Set<OrderId> notRead = new LinkedHashSet<>();
        found.forEach(payment -> payment.filter(p -> !orders.containsKey(p.orderId()))
                .ifPresent(p -> notRead.add(p.orderId())));
        if (!notRead.isEmpty()) {
            orders.putAll(store.orders().findAll(notRead));
        }
        List<SettlePayment.Result> results = new ArrayList<>(evidences.size());
        for (int i = 0; i < evidences.size(); i++) {
            results.add(decide(evidences.get(i), found.get(i)));
        }
        write();
        return results;
    }

    /**
     * Each evidence's payment: by provider reference in one read per provider, which brings their orders too;
     * otherwise one by one (their orders are read afterwards).
     */
    private List<Optional<Payment>> locate(List<SettlementEvidence> evidences) {
        Map<String, Set<String>> refsByProvider = new LinkedHashMap<>();
        for (SettlementEvidence evidence : evidences) {
            evidence.reference().providerRef().ifPresent(ref ->
                    refsByProvider.computeIfAbsent(evidence.provider(), p -> new LinkedHashSet<>()).add(ref));
        }
        Map<String, Map<String, Payment>> byRef = new HashMap<>();
        refsByProvider.forEach((provider, refs) -> {
            Payments.FoundWithOrders found = store.payments().findByProviderRefsWithOrders(provider, refs);
            byRef.put(provider, found.byRef());
            orders.putAll(found.orders());
        });
        List<Optional<Payment>> found = new ArrayList<>(evidences.size());
        for (SettlementEvidence evidence : evidences) {
            Optional<Payment> payment = evidence.reference().providerRef()
                    .map(ref -> byRef.get(evidence.provider()).get(ref));
            found.add(payment.isPresent() ? payment : PaymentLocator.locateWithoutProviderRef(store.payments(),
                    evidence.provider(), evidence.reference()));
        }
        return found;
    }

    private SettlePayment.Result decide(SettlementEvidence evidence, Optional<Payment> found) {
        if (found.isEmpty()) {
            return new SettlePayment.UnknownPayment(evidence.reference());
        }
        Payment payment = payments.getOrDefault(found.get().id(), found.get());
        if (payment.status().isPaid()) {
            return new SettlePayment.AlreadySettled(payment);
        }
        if (payment.status() == PaymentStatus.NEEDS_REVIEW) {
            return new SettlePayment.NeedsReview(payment, payment.failureReason().orElse("held for review"));
        }
        Order order = orders.get(payment.orderId());
        if (order == null) {
            throw new IllegalStateException("Payment " + payment.id() + " has no order");
        }
        Optional<String> mismatch = mismatch(payment, order, evidence);
        return mismatch.isPresent() ? holdForReview(payment, evidence, mismatch.get()) : capture(payment, order, evidence);
    }

    private static Optional<String> mismatch(Payment payment, Order order, SettlementEvidence evidence) {
        if (!evidence.amount().currency().equals(payment.amount().currency())) {
            return Optional.of("currency_mismatch: expected " + payment.amount().currencyCode() + ", paid "
                    + evidence.amount().currencyCode());
        }
        if (evidence.amount().minor() != payment.amount().minor()) {
            return Optional.of("amount_mismatch: expected " + payment.amount() + ", paid " + evidence.amount());
        }
        if (order.fulfilment() == FulfilmentStatus.CANCELLED) {
            return Optional.of("order_cancelled: money arrived for a cancelled order");
        }
        if (order.paymentStatus() != OrderPaymentStatus.PENDING) {
            return Optional.of("order_already_paid: a second payment arrived for the order");
        }
        return Optional.empty();
    }

    /** The rare path, written at once: the money is recorded in suspense and the payment waits for an operator. */
    private SettlePayment.Result holdForReview(Payment payment, SettlementEvidence evidence, String reason) {
        Payment held = payment.moveTo(PaymentStatus.NEEDS_REVIEW, Optional.of(evidence.providerPaymentId()),
                Optional.of(reason), now);
        ConcurrentChangeException.requireUpdated(store.payments().update(held), "payment " + payment.id());
        payments.put(held.id(), held);
        if (evidence.amount().isPositive()) {
            store.ledger().post(new LedgerTransaction("review:" + payment.id(), EntryType.SETTLEMENT,
                    List.of(new Transfer(AccountId.suspense(evidence.amount().currency()),
                            AccountId.clearing(payment.provider(), evidence.amount().currency()),
                            evidence.amount().minor())),
                    "Held for review: " + reason, now));
        }
        events.add(new PendingEvent(Events.of("payment.needs_review", held, now, "reason", reason), null, 0));
        return new SettlePayment.NeedsReview(held, reason);
    }

    private SettlePayment.Result capture(Payment payment, Order order, SettlementEvidence evidence) {
        Payment capturedNow = payment.moveTo(PaymentStatus.CAPTURED, Optional.of(evidence.providerPaymentId()),
                Optional.empty(), now);
        payments.put(capturedNow.id(), capturedNow);
        captured.add(capturedNow);
        Order paid = order.paid();
        orders.put(paid.id(), paid);
        paidOrders.add(paid);
        settlements.add(settlement(capturedNow, order));
        long credits = order.credits();
        events.add(new PendingEvent(Events.of("payment.paid", capturedNow, now, "credits", Long.toString(credits)),
                null, 0));
        if (credits > 0) {
            events.add(new PendingEvent(null, capturedNow, credits));
        }
        return new SettlePayment.Settled(capturedNow, credits);
    }

    private LedgerTransaction settlement(Payment payment, Order order) {
        List<Transfer> transfers = new ArrayList<>();
        transfers.add(new Transfer(AccountId.revenue(payment.amount().currency()),
                AccountId.clearing(payment.provider(), payment.amount().currency()), payment.amount().minor()));
        long credits = order.credits();
        if (credits > 0) {
            transfers.add(new Transfer(AccountId.creditsIssued(), AccountId.wallet(payment.user()), credits));
        }
        return new LedgerTransaction("settle:" + payment.id(), credits > 0 ? EntryType.PURCHASE : EntryType.SETTLEMENT,
                transfers, order.description() + " via " + payment.provider(), now);
    }

    /**
     * The postings (each key once) first, since the events tell the balances they leave; then the captures and
     * paid orders (compare-and-set) with the events, together. A settlement posted meanwhile by someone else
     * (its key taken) is a lost race, as a lost compare-and-set would be.
     */
    private void write() {
        if (captured.isEmpty()) {
            if (!events.isEmpty()) {
                store.outbox().appendAll(withBalances());
            }
            return;
        }
        List<Posting> postings = store.ledger().postAll(settlements);
        for (int i = 0; i < postings.size(); i++) {
            Payment payment = captured.get(i);
            if (postings.get(i) instanceof Posting.AlreadyPosted) {
                throw new ConcurrentChangeException("the settlement of payment " + payment.id());
            }
            if (!(postings.get(i) instanceof Posting.Posted posted)) {
                throw new IllegalStateException("Settlement of " + payment.id() + " could not post: "
                        + postings.get(i));
            }
            Wallet wallet = posted.wallets().get(payment.user());
            if (wallet != null) {
                balances.put(payment.id(), wallet.balance());
            }
        }
        ConcurrentChangeException.requireUpdated(store.payments().updateAllWithOrders(captured, paidOrders,
                withBalances()), ids(captured) + " or their orders");
    }

    /** The events, each wallet.credited with the balance its own credit left (the ledger's answer). */
    private List<OutboxEvent> withBalances() {
        return events.stream().map(pending -> pending.event() != null ? pending.event()
                : Events.of("wallet.credited", pending.credited(), now, "credits", Long.toString(pending.credits()),
                        "balance", Long.toString(balances.get(pending.credited().id())))).toList();
    }

    private static String ids(List<Payment> payments) {
        return payments.size() == 1 ? "payment " + payments.get(0).id() : payments.size() + " payments";
    }
}
