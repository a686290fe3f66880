package dev.payledger.core.testing;

import dev.payledger.core.PayLedger;
import dev.payledger.core.Persistence;
import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.FakeProvider;
import dev.payledger.core.inmemory.ManualClock;
import dev.payledger.core.ledger.Wallet;
import dev.payledger.core.money.Money;
import dev.payledger.core.payment.EventFact;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentReference;
import dev.payledger.core.payment.ProviderEvent;
import dev.payledger.core.payment.PurchaseTarget;
import dev.payledger.core.payment.ReceiveWebhook;
import dev.payledger.core.payment.SettlementEvidence;
import dev.payledger.core.payment.StartCheckout;

import java.util.UUID;

/**
 * A PayLedger on the given persistence with one fake provider ({@code fakepay}) and a manual clock, plus
 * the few steps most tests repeat. Reused by the JDBC adapter's tests through core's test-jar.
 */
public final class Harness {
    public static final String PROVIDER = "fakepay";
    public static final java.util.Currency INR = Money.currency("INR");

    public final ManualClock clock = ManualClock.at("2026-11-21T10:00:00Z");
    public final FakeProvider provider = new FakeProvider(PROVIDER);
    public final PayLedger payLedger;

    public Harness(Persistence persistence) {
        this.payLedger = PayLedger.builder().persistence(persistence).provider(provider.paymentProvider())
                .clock(clock).build();
    }

    /** Opens a checkout for a package in INR and returns the payment. */
    public Payment checkout(UserId user, String packageId) {
        StartCheckout.Result result = payLedger.startCheckout().start(new StartCheckout.Command(user,
                PurchaseTarget.creditPackage(packageId, INR), PROVIDER));
        if (!(result instanceof StartCheckout.Started started)) {
            throw new AssertionError("checkout refused: " + result);
        }
        return started.payment();
    }

    /** Evidence that the provider captured {@code amount} for the payment. */
    public static SettlementEvidence evidence(Payment payment, Money amount) {
        return new SettlementEvidence(payment.provider(), PaymentReference.byProviderRef(payment.providerRef().orElseThrow()),
                "fakepay_pay_" + payment.id().value(), amount);
    }

    public static SettlementEvidence evidence(Payment payment) {
        return evidence(payment, payment.amount());
    }

    public ProviderEvent capturedEvent(Payment payment) {
        return new ProviderEvent(PROVIDER, "evt_" + UUID.randomUUID(), "payment.captured",
                new EventFact.PaymentCaptured(evidence(payment)));
    }

    public ReceiveWebhook.Result deliver(ProviderEvent event) {
        return payLedger.receiveWebhook().receive(PROVIDER, provider.webhook(event, clock.instant()));
    }

    public Wallet wallet(UserId user) {
        return payLedger.readWallet().wallet(user);
    }
}
