package dev.payledger.core.order;

import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.money.Money;
import dev.payledger.core.testing.Harness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManageOrderTest {
    private final Harness harness = new Harness(InMemoryPersistence.create());
    private final ManageOrder orders = harness.payLedger.manageOrder();
    private final UserId ana = UserId.of("ana");

    @Test
    void aVisaFeeWithAnEsimAddOnIsPricedFromTheCatalog() {
        Order order = ((ManageOrder.Changed) orders.place(ManageOrder.PlaceCommand.of(ana, "INR",
                new ManageOrder.Item("visa-fee", 2), new ManageOrder.Item("esim-10gb", 1)))).order();
        assertThat(order.total()).isEqualTo(Money.ofMinor("INR", 2 * 250000 + 49900));
        assertThat(order.credits()).isZero();
        assertThat(order.fulfilment()).isEqualTo(FulfilmentStatus.PLACED);
        assertThat(order.paymentStatus()).isEqualTo(OrderPaymentStatus.PENDING);
    }

    @Test
    void anAddOnAloneOrAnUnknownSkuIsRefused() {
        assertThat(orders.place(ManageOrder.PlaceCommand.of(ana, "USD", new ManageOrder.Item("esim-10gb", 1))))
                .extracting("reason").isEqualTo(ManageOrder.Refusal.ADD_ON_WITHOUT_PRODUCT);
        assertThat(orders.place(ManageOrder.PlaceCommand.of(ana, "USD", new ManageOrder.Item("gold-bar", 1))))
                .extracting("reason").isEqualTo(ManageOrder.Refusal.UNKNOWN_ITEM);
        assertThatThrownBy(() -> new ManageOrder.Item("visa-fee", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ManageOrder.Item("x'; drop table orders;--", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheBuyerCancelsAndOnlyBeforePaying() {
        Order order = ((ManageOrder.Changed) orders.place(ManageOrder.PlaceCommand.of(ana, "USD",
                new ManageOrder.Item("visa-fee", 1)))).order();
        assertThat(orders.cancel(UserId.of("bo"), order.id())).extracting("reason").isEqualTo(ManageOrder.Refusal.NOT_YOUR_ORDER);
        assertThat(orders.cancel(ana, order.id())).isInstanceOf(ManageOrder.Changed.class);
        assertThat(orders.advance(order.id(), FulfilmentStatus.SHIPPED)).extracting("reason")
                .isEqualTo(ManageOrder.Refusal.ILLEGAL_TRANSITION);
    }

    @Test
    void anOperatorShipsAndDeliversAConfirmedOrder() {
        Order order = ((ManageOrder.Changed) orders.place(ManageOrder.PlaceCommand.of(ana, "USD",
                new ManageOrder.Item("visa-fee", 1)))).order();
        orders.advance(order.id(), FulfilmentStatus.CONFIRMED);
        orders.advance(order.id(), FulfilmentStatus.SHIPPED);
        Order delivered = ((ManageOrder.Changed) orders.advance(order.id(), FulfilmentStatus.DELIVERED)).order();
        assertThat(delivered.fulfilment()).isEqualTo(FulfilmentStatus.DELIVERED);
        assertThat(delivered.version()).isEqualTo(4);
    }
}
