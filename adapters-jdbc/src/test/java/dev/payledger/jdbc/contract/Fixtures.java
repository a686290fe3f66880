package dev.payledger.jdbc.contract;

import dev.payledger.core.common.UserId;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.LedgerTransaction;
import dev.payledger.core.ledger.Transfer;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.Order;
import dev.payledger.core.order.OrderId;
import dev.payledger.core.order.OrderLine;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentId;

import java.time.Instant;
import java.util.Currency;
import java.util.List;

/** Values the contracts store. Instants carry microseconds, the precision both stores keep. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-11-21T10:00:00.123456Z");
    public static final UserId ALICE = UserId.of("alice");
    public static final UserId BOB = UserId.of("bob");
    public static final Currency INR = Money.currency("INR");

    private Fixtures() {
    }

    public static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    public static Order order(String id, UserId buyer, Instant placedAt) {
        return Order.place(new OrderId(id), buyer, List.of(
                new OrderLine("starter", OrderLine.Kind.CREDIT_PACKAGE, "Starter pack", 2, Money.ofMinor(INR, 4900), 10),
                new OrderLine("esim-10gb", OrderLine.Kind.ADD_ON, "eSIM 10 GB", 1, Money.ofMinor(INR, 19900), 0)),
                placedAt);
    }

    public static Payment payment(String id, UserId user, String provider, Instant createdAt) {
        return Payment.create(new PaymentId(id), new OrderId("ord_" + id), user, provider, "package:starter:INR",
                Money.ofMinor(INR, 4900), createdAt);
    }

    /** Money into the provider's clearing account and credits into the user's wallet. */
    public static LedgerTransaction purchase(String key, UserId user, long credits) {
        return new LedgerTransaction(key, EntryType.PURCHASE, List.of(
                new Transfer(AccountId.revenue(INR), AccountId.clearing("razorpay", INR), 4900),
                new Transfer(AccountId.creditsIssued(), AccountId.wallet(user), credits)),
                "Bought " + credits + " credits", T0);
    }

    public static LedgerTransaction grant(String key, UserId user, long credits) {
        return new LedgerTransaction(key, EntryType.GRANT,
                List.of(new Transfer(AccountId.creditsIssued(), AccountId.wallet(user), credits)), "Welcome gift", T0);
    }

    public static LedgerTransaction spend(String key, UserId user, long credits) {
        return new LedgerTransaction(key, EntryType.SPEND,
                List.of(new Transfer(AccountId.wallet(user), AccountId.creditsSpent(), credits)), "Unlocked export", T0);
    }

    /** Moves credits from one wallet to another (two wallets in one transaction). */
    public static LedgerTransaction gift(String key, UserId from, UserId to, long credits) {
        return new LedgerTransaction(key, EntryType.ADJUSTMENT,
                List.of(new Transfer(AccountId.wallet(from), AccountId.wallet(to), credits)), "Gift", T0);
    }
}
