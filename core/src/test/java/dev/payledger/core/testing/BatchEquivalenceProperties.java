package dev.payledger.core.testing;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.Ledger;
import dev.payledger.core.ledger.LedgerTransaction;
import dev.payledger.core.ledger.Posting;
import dev.payledger.core.ledger.Transfer;
import dev.payledger.core.ledger.WalletEntry;
import dev.payledger.core.money.Money;
import dev.payledger.core.outbox.OutboxEvent;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentReference;
import dev.payledger.core.payment.SettlePayment;
import dev.payledger.core.payment.SettlementEvidence;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batched paths do exactly what the one-by-one paths do: {@code Ledger.postAll} over random chunks of
 * random credits, debits and wallet-to-wallet transfers (repeated keys, debits that cannot be afforded) leaves
 * the same postings, wallets and statement entries as {@code post} one at a time; {@code settleAll} over random
 * chunks of evidences (exact, wrong amount, unknown, the same payment again) gives the same results, wallets
 * and outbox events as {@code settle} one at a time. The reference is always the in-memory store; subclasses
 * choose the store under test.
 */
public abstract class BatchEquivalenceProperties {
    private static final List<String> USERS = List.of("ana", "bo", "chen");
    private static final List<String> PACKAGES = List.of("starter", "popular", "pro");
    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");

    protected abstract Persistence freshPersistence();

    @Property(tries = 100)
    void postingInChunksIsPostingOneByOne(@ForAll("ledgerOps") List<LedgerOp> ops,
                                          @ForAll("chunks") List<Integer> chunks) {
        List<LedgerTransaction> transactions = ops.stream().map(BatchEquivalenceProperties::transaction).toList();
        Persistence reference = InMemoryPersistence.create();
        List<String> expected = new ArrayList<>();
        for (LedgerTransaction transaction : transactions) {
            expected.add(describe(reference.unitOfWork().inTransaction(() -> reference.ledger().post(transaction))));
        }
        Persistence subject = freshPersistence();
        List<String> actual = new ArrayList<>();
        for (List<LedgerTransaction> chunk : chunked(transactions, chunks)) {
            subject.unitOfWork().inTransaction(() -> subject.ledger().postAll(chunk))
                    .forEach(posting -> actual.add(describe(posting)));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(walletsAndEntries(subject)).isEqualTo(walletsAndEntries(reference));
        assertThat(subject.ledger().totalsByAsset().values()).allMatch(total -> total == 0);
    }

    @Property(tries = 60)
    void settlingInChunksIsSettlingOneByOne(@ForAll("purchases") List<Integer> purchases,
                                            @ForAll("settlementOps") List<SettleOp> ops,
                                            @ForAll("chunks") List<Integer> chunks) {
        Harness reference = new Harness(InMemoryPersistence.create());
        Harness subject = new Harness(freshPersistence());
        List<Payment> referencePayments = checkouts(reference, purchases);
        List<Payment> subjectPayments = checkouts(subject, purchases);

        List<String> expected = new ArrayList<>();
        for (SettleOp op : ops) {
            expected.add(describe(reference.payLedger.settlePayment().settle(evidence(op, referencePayments)),
                    referencePayments));
        }
        List<SettlementEvidence> evidences = ops.stream().map(op -> evidence(op, subjectPayments)).toList();
        List<String> actual = new ArrayList<>();
        for (List<SettlementEvidence> chunk : chunked(evidences, chunks)) {
            subject.payLedger.settlePayment().settleAll(chunk).forEach(r -> actual.add(describe(r, subjectPayments)));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(walletsAndEntries(subject.payLedger.persistence()))
                .isEqualTo(walletsAndEntries(reference.payLedger.persistence()));
        assertThat(events(subject, subjectPayments)).isEqualTo(events(reference, referencePayments));
        assertThat(subject.payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    private static LedgerTransaction transaction(LedgerOp op) {
        UserId user = UserId.of(USERS.get(op.user()));
        UserId other = UserId.of(USERS.get((op.user() + 1) % USERS.size()));
        Transfer transfer = switch (op.kind()) {
            case CREDIT -> new Transfer(AccountId.creditsIssued(), AccountId.wallet(user), op.amount());
            case DEBIT -> new Transfer(AccountId.wallet(user), AccountId.creditsSpent(), op.amount());
            case TRANSFER -> new Transfer(AccountId.wallet(user), AccountId.wallet(other), op.amount());
        };
        EntryType type = switch (op.kind()) {
            case CREDIT -> EntryType.GRANT;
            case DEBIT -> EntryType.SPEND;
            case TRANSFER -> EntryType.ADJUSTMENT;
        };
        return new LedgerTransaction("t" + op.key(), type, List.of(transfer), op.kind() + " " + op.amount(), AT);
    }

    private static String describe(Posting posting) {
        if (posting instanceof Posting.Posted posted) {
            // the wallets the ledger says each transaction left must be the same too
            return "posted " + posted.transaction().key() + " " + new TreeMap<>(posted.wallets().entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(e -> e.getKey().value(), Map.Entry::getValue)));
        }
        if (posting instanceof Posting.AlreadyPosted already) {
            return "already " + already.key();
        }
        Posting.InsufficientFunds short_ = (Posting.InsufficientFunds) posting;
        return "short " + short_.account().name() + " has " + short_.balance() + " needs " + short_.requested();
    }

    private static Map<String, String> walletsAndEntries(Persistence store) {
        Ledger ledger = store.ledger();
        Map<String, String> state = new TreeMap<>();
        for (String name : USERS) {
            UserId user = UserId.of(name);
            List<WalletEntry> entries = store.unitOfWork().inTransaction(() -> ledger.entries(user, Optional.empty(), 1000));
            state.put(name, store.unitOfWork().inTransaction(() -> ledger.wallet(user)) + " " + entries.stream()
                    .map(e -> e.sequence() + ":" + e.type() + ":" + e.amount() + "=" + e.balanceAfter()
                            + (e.transactionKey().startsWith("settle:") ? "" : ":" + e.transactionKey()))
                    .toList());
        }
        return state;
    }

    private static List<Payment> checkouts(Harness harness, List<Integer> purchases) {
        return purchases.stream().map(p -> harness.checkout(UserId.of(USERS.get(p % USERS.size())),
                PACKAGES.get(p / USERS.size()))).toList();
    }

    private static SettlementEvidence evidence(SettleOp op, List<Payment> payments) {
        Payment payment = payments.get(op.payment() % payments.size());
        return switch (op.kind()) {
            case EXACT -> Harness.evidence(payment);
            case WRONG_AMOUNT -> Harness.evidence(payment, Money.ofMinor("INR", payment.amount().minor() - 1));
            case UNKNOWN -> new SettlementEvidence(Harness.PROVIDER, PaymentReference.byProviderRef("nobody"),
                    "pay_nobody", payment.amount());
        };
    }

    private static String describe(SettlePayment.Result result, List<Payment> payments) {
        if (result instanceof SettlePayment.Settled settled) {
            return "settled " + index(settled.payment(), payments) + " +" + settled.credits();
        }
        if (result instanceof SettlePayment.AlreadySettled already) {
            return "already " + index(already.payment(), payments);
        }
        if (result instanceof SettlePayment.NeedsReview review) {
            return "review " + index(review.payment(), payments) + " " + review.reason().split(":")[0];
        }
        return "unknown";
    }

    private static int index(Payment payment, List<Payment> payments) {
        for (int i = 0; i < payments.size(); i++) {
            if (payments.get(i).id().equals(payment.id())) {
                return i;
            }
        }
        return -1;
    }

    /** The outbox without ids and sequences: type, which payment, and the figures. */
    private static List<String> events(Harness harness, List<Payment> payments) {
        List<OutboxEvent> events = harness.payLedger.persistence().outbox().readAfter(0, 10_000);
        List<String> described = new ArrayList<>();
        for (OutboxEvent event : events) {
            Map<String, String> data = new TreeMap<>(event.data());
            data.remove("payment_id");
            data.remove("order_id");
            int payment = payments.stream().map(p -> p.id().value()).toList().indexOf(event.subject());
            described.add(event.type() + " " + event.user() + " " + payment + " " + data);
        }
        return described;
    }

    private static <T> List<List<T>> chunked(List<T> items, List<Integer> sizes) {
        List<List<T>> chunks = new ArrayList<>();
        int from = 0;
        for (int i = 0; from < items.size(); i++) {
            int size = sizes.get(i % sizes.size());
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
            from += size;
        }
        return chunks;
    }

    @Provide
    Arbitrary<List<LedgerOp>> ledgerOps() {
        return Combinators.combine(Arbitraries.of(LedgerKind.class), Arbitraries.integers().between(0, 2),
                Arbitraries.longs().between(1, 30), Arbitraries.integers().between(0, 12))
                .as(LedgerOp::new).list().ofMinSize(1).ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<Integer>> chunks() {
        return Arbitraries.integers().between(1, 8).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Integer>> purchases() {
        return Arbitraries.integers().between(0, USERS.size() * PACKAGES.size() - 1).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<SettleOp>> settlementOps() {
        return Combinators.combine(Arbitraries.frequency(Tuple.of(6, SettleKind.EXACT),
                                Tuple.of(2, SettleKind.WRONG_AMOUNT), Tuple.of(1, SettleKind.UNKNOWN)),
                        Arbitraries.integers().between(0, 5))
                .as(SettleOp::new).list().ofMinSize(1).ofMaxSize(15);
    }

    enum LedgerKind { CREDIT, DEBIT, TRANSFER }

    record LedgerOp(LedgerKind kind, int user, long amount, int key) {
    }

    enum SettleKind { EXACT, WRONG_AMOUNT, UNKNOWN }

    record SettleOp(SettleKind kind, int payment) {
    }
}
