package dev.payledger.core.payment;

import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.ManageOrder;
import dev.payledger.core.order.Order;
import dev.payledger.core.order.OrderId;
import dev.payledger.core.testing.Harness;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StartCheckoutTest {
    private final Harness harness = new Harness(InMemoryPersistence.create());
    private final UserId ana = UserId.of("ana");
    private final UserId bo = UserId.of("bo");

    private StartCheckout.Result start(UserId user, PurchaseTarget target) {
        return harness.payLedger.startCheckout().start(new StartCheckout.Command(user, target, Harness.PROVIDER));
    }

    @Test
    void theAmountComesFromTheCatalogAndReachesTheProvider() {
        Payment payment = harness.checkout(ana, "pro");
        assertThat(payment.amount()).isEqualTo(Money.ofMinor("INR", 34900));
        assertThat(harness.provider.checkouts()).singleElement().satisfies(request -> {
            assertThat(request.amount()).isEqualTo(Money.ofMinor("INR", 34900));
            assertThat(request.paymentId()).isEqualTo(payment.id());
            assertThat(request.expiresAt()).isEqualTo(harness.clock.instant().plus(Duration.ofMinutes(30)));
        });
        assertThat(payment.providerRef()).contains("fakepay_ref_1");
        assertThat(payment.checkout()).containsEntry("url", "https://fakepay.example/pay/fakepay_ref_1");
    }

    @Test
    void aDoubleClickReusesTheOpenCheckoutInsteadOfOpeningASecond() {
        Payment first = harness.checkout(ana, "starter");
        harness.clock.advance(Duration.ofMinutes(2));
        StartCheckout.Result again = start(ana, PurchaseTarget.creditPackage("starter", Harness.INR));
        assertThat(again).isEqualTo(new StartCheckout.Started(first, true));
        assertThat(harness.provider.checkouts()).hasSize(1);

        harness.clock.advance(Duration.ofMinutes(11));
        assertThat(harness.checkout(ana, "starter").id()).isNotEqualTo(first.id());
        assertThat(harness.checkout(bo, "starter").id()).isNotEqualTo(first.id());
    }

    @Test
    void aProviderOutageIsAClearRefusalAndLeavesNoOpenAttempt() {
        harness.provider.failRetryably();
        StartCheckout.Result result = start(ana, PurchaseTarget.creditPackage("starter", Harness.INR));
        assertThat(result).isInstanceOf(StartCheckout.Refused.class);
        assertThat(((StartCheckout.Refused) result).reason()).isEqualTo(StartCheckout.Refusal.PROVIDER_FAILED);
        assertThat(harness.payLedger.readPayments().list(ana, 10)).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(PaymentStatus.FAILED));

        harness.provider.recover();
        assertThat(start(ana, PurchaseTarget.creditPackage("starter", Harness.INR))).isInstanceOf(StartCheckout.Started.class);
    }

    @Test
    void unknownPackagesCurrenciesAndProvidersAreRefused() {
        assertThat(refusal(start(ana, PurchaseTarget.creditPackage("gold", Harness.INR))))
                .isEqualTo(StartCheckout.Refusal.PACKAGE_NOT_FOUND);
        assertThat(refusal(start(ana, PurchaseTarget.creditPackage("starter", Money.currency("EUR")))))
                .isEqualTo(StartCheckout.Refusal.PRICE_NOT_AVAILABLE);
        assertThat(refusal(harness.payLedger.startCheckout().start(new StartCheckout.Command(ana,
                PurchaseTarget.creditPackage("starter", Harness.INR), "paypal"))))
                .isEqualTo(StartCheckout.Refusal.PROVIDER_NOT_ENABLED);
        assertThat(harness.provider.checkouts()).isEmpty();
    }

    @Test
    void ordersArePaidOnlyByTheirBuyerAndOnlyOnce() {
        Order order = ((ManageOrder.Changed) harness.payLedger.manageOrder().place(ManageOrder.PlaceCommand.of(ana, "USD",
                new ManageOrder.Item("visa-fee", 1), new ManageOrder.Item("esim-10gb", 1)))).order();
        assertThat(order.total()).isEqualTo(Money.ofMinor("USD", 3599));
        assertThat(refusal(start(bo, PurchaseTarget.order(order.id())))).isEqualTo(StartCheckout.Refusal.NOT_YOUR_ORDER);
        assertThat(refusal(start(ana, PurchaseTarget.order(new OrderId("ord_missing")))))
                .isEqualTo(StartCheckout.Refusal.ORDER_NOT_FOUND);

        Payment payment = ((StartCheckout.Started) start(ana, PurchaseTarget.order(order.id()))).payment();
        assertThat(payment.amount()).isEqualTo(Money.ofMinor("USD", 3599));
        harness.payLedger.settlePayment().settle(Harness.evidence(payment));
        assertThat(refusal(start(ana, PurchaseTarget.order(order.id())))).isEqualTo(StartCheckout.Refusal.ORDER_ALREADY_PAID);
        assertThat(harness.wallet(ana).balance()).as("a visa fee buys no credits").isZero();
    }

    @Test
    void aCancelledOrderCannotBePaid() {
        Order order = ((ManageOrder.Changed) harness.payLedger.manageOrder().place(ManageOrder.PlaceCommand.of(ana, "USD",
                new ManageOrder.Item("visa-fee", 1)))).order();
        harness.payLedger.manageOrder().cancel(ana, order.id());
        assertThat(refusal(start(ana, PurchaseTarget.order(order.id())))).isEqualTo(StartCheckout.Refusal.ORDER_CANCELLED);
    }

    private static StartCheckout.Refusal refusal(StartCheckout.Result result) {
        assertThat(result).isInstanceOf(StartCheckout.Refused.class);
        return ((StartCheckout.Refused) result).reason();
    }
}
