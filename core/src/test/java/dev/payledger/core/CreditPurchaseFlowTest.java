package dev.payledger.core;

import dev.payledger.core.common.UserId;
import dev.payledger.core.feature.UnlockFeature;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.WalletEntry;
import dev.payledger.core.money.Money;
import dev.payledger.core.outbox.OutboxEvent;
import dev.payledger.core.payment.ClientConfirmation;
import dev.payledger.core.payment.ConfirmClientPayment;
import dev.payledger.core.payment.HandleProviderEvent;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentStatus;
import dev.payledger.core.payment.ProviderPaymentState;
import dev.payledger.core.payment.PurchaseTarget;
import dev.payledger.core.payment.ReceiveWebhook;
import dev.payledger.core.payment.SettlePayment;
import dev.payledger.core.payment.StartCheckout;
import dev.payledger.core.testing.Harness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credit purchase, step by step as in the sequence diagram:
 * checkout → provider → client callback → webhook (twice) → settle → ledger → wallet → spend.
 */
class CreditPurchaseFlowTest {
    @Test
    void aUserBuysTheProPackageAndItIsCreditedExactlyOnce() {
        Harness harness = new Harness(InMemoryPersistence.create());
        PayLedger payLedger = harness.payLedger;
        UserId ana = UserId.of("ana");

        // 1. Ana picks "pro" in rupees; the server prices it from the catalog and opens a checkout.
        StartCheckout.Result started = payLedger.startCheckout().start(
                new StartCheckout.Command(ana, PurchaseTarget.creditPackage("pro", Harness.INR), Harness.PROVIDER));
        Payment payment = ((StartCheckout.Started) started).payment();
        assertThat(payment.amount()).isEqualTo(Money.ofMinor("INR", 34900));
        assertThat(payment.status()).isEqualTo(PaymentStatus.CREATED);

        // 2. She pays at the provider. Her browser posts the callback; we ask the provider, which says "paid".
        harness.provider.scriptConfirmation(new ClientConfirmation.Verified(
                new ProviderPaymentState.Paid(Harness.evidence(payment))));
        ConfirmClientPayment.Result confirmed = payLedger.confirmClientPayment().confirm(
                new ConfirmClientPayment.Command(ana, payment.id(), Map.of("signature", "from the browser")));
        assertThat(((ConfirmClientPayment.Confirmed) confirmed).settlement()).isInstanceOf(SettlePayment.Settled.class);

        // 3. The provider's webhook arrives too, and then again: both are acknowledged, neither credits again.
        var webhook = harness.capturedEvent(payment);
        ReceiveWebhook.Result first = harness.deliver(webhook);
        assertThat(((ReceiveWebhook.Accepted) first).outcome()).isInstanceOf(HandleProviderEvent.Applied.class);
        assertThat(harness.deliver(webhook)).isInstanceOf(ReceiveWebhook.Duplicate.class);

        // 4. The ledger holds one balanced transaction: money into clearing, 100 credits into her wallet.
        List<WalletEntry> statement = payLedger.readWallet().statement(ana, Optional.empty(), 10).items();
        assertThat(statement).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(EntryType.PURCHASE);
            assertThat(entry.amount()).isEqualTo(100);
            assertThat(entry.balanceAfter()).isEqualTo(100);
            assertThat(entry.transactionKey()).isEqualTo("settle:" + payment.id());
        });
        assertThat(payLedger.persistence().ledger().balance(AccountId.clearing(Harness.PROVIDER, Harness.INR)))
                .isEqualTo(34900);

        // 5. She spends 5 credits to unlock CSV export.
        UnlockFeature.Result unlocked = payLedger.unlockFeature().unlock(
                new UnlockFeature.Command(ana, "export-csv", "unlock-1"));
        assertThat(((UnlockFeature.Unlocked) unlocked).wallet().balance()).isEqualTo(95);

        // 6. The outbox told the world, in order; the books balance.
        assertThat(payLedger.persistence().outbox().readAfter(0, 10)).extracting(OutboxEvent::type)
                .containsExactly("payment.paid", "wallet.credited", "feature.unlocked");
        assertThat(payLedger.verifyLedger().verify().isClean()).isTrue();
        assertThat(payLedger.readWallet().wallet(ana)).satisfies(wallet -> {
            assertThat(wallet.earned()).isEqualTo(100);
            assertThat(wallet.spent()).isEqualTo(5);
        });
    }
}
