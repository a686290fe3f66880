package dev.payledger.jdbc.contract;

import dev.payledger.core.order.FulfilmentStatus;
import dev.payledger.core.order.Order;
import dev.payledger.core.order.OrderId;
import dev.payledger.core.order.Orders;
import org.junit.jupiter.api.Test;

import static dev.payledger.jdbc.contract.Fixtures.ALICE;
import static dev.payledger.jdbc.contract.Fixtures.BOB;
import static dev.payledger.jdbc.contract.Fixtures.at;
import static dev.payledger.jdbc.contract.Fixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class OrdersContract extends PersistenceContract {

    private Orders orders() {
        return persistence.orders();
    }

    private static void assertSame(Order actual, Order expected) {
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }

    @Test
    void insertedOrderIsFoundWithItsLinesAndTotal() {
        Order placed = order("ord_1", ALICE, at(0));

        inTransaction(() -> orders().insert(placed));

        Order found = orders().find(new OrderId("ord_1")).orElseThrow();
        assertSame(found, placed);
        assertThat(found.total().minor()).isEqualTo(2 * 4900 + 19900);
        assertThat(found.credits()).isEqualTo(20);
    }

    @Test
    void unknownOrderIsEmpty() {
        assertThat(orders().find(new OrderId("ord_missing"))).isEmpty();
    }

    @Test
    void insertingAnExistingIdThrowsAndKeepsTheFirst() {
        orders().insert(order("ord_1", ALICE, at(0)));

        assertThatThrownBy(() -> orders().insert(order("ord_1", BOB, at(5)))).isInstanceOf(IllegalStateException.class);

        assertThat(orders().find(new OrderId("ord_1")).orElseThrow().buyer()).isEqualTo(ALICE);
    }

    @Test
    void updateFromTheStoredVersionIsStored() {
        Order placed = order("ord_1", ALICE, at(0));
        orders().insert(placed);
        Order paid = placed.paid();

        assertThat(inTransaction(() -> orders().update(paid))).isTrue();

        assertSame(orders().find(placed.id()).orElseThrow(), paid);
    }

    @Test
    void findAllAndUpdateAllWorkOnSeveralOrdersWithCompareAndSet() {
        Order first = order("ord_1", ALICE, at(0));
        Order second = order("ord_2", BOB, at(1));
        orders().insert(first);
        orders().insert(second);

        java.util.Map<dev.payledger.core.order.OrderId, Order> found = orders().findAll(
                java.util.List.of(first.id(), second.id(), new dev.payledger.core.order.OrderId("ord_none")));
        assertThat(found).containsOnlyKeys(first.id(), second.id());
        assertSame(found.get(second.id()), second);

        assertThat(inTransaction(() -> orders().updateAll(java.util.List.of(first.paid(), second.paid())))).isTrue();
        assertSame(orders().find(first.id()).orElseThrow(), first.paid());
        assertThat(orders().updateAll(java.util.List.of(first.moveTo(FulfilmentStatus.CANCELLED),
                second.moveTo(FulfilmentStatus.CANCELLED)))).as("both are stale").isFalse();
        assertSame(orders().find(second.id()).orElseThrow(), second.paid());
    }

    @Test
    void updateFromAStaleVersionChangesNothing() {
        Order placed = order("ord_1", ALICE, at(0));
        orders().insert(placed);
        Order cancelled = placed.moveTo(FulfilmentStatus.CANCELLED);
        orders().update(cancelled);

        assertThat(orders().update(placed.paid())).isFalse();

        assertSame(orders().find(placed.id()).orElseThrow(), cancelled);
    }

    @Test
    void updateOfAnUnknownOrderIsFalse() {
        assertThat(orders().update(order("ord_1", ALICE, at(0)).paid())).isFalse();
    }

    @Test
    void listByBuyerIsNewestFirstLimitedAndOnlyTheirs() {
        orders().insert(order("ord_1", ALICE, at(0)));
        orders().insert(order("ord_2", ALICE, at(20)));
        orders().insert(order("ord_3", ALICE, at(10)));
        orders().insert(order("ord_4", BOB, at(30)));

        assertThat(orders().listByBuyer(ALICE, 2)).extracting(order -> order.id().value())
                .containsExactly("ord_2", "ord_3");
        assertThat(orders().listByBuyer(ALICE, 10)).hasSize(3).allSatisfy(order -> assertThat(order.lines()).hasSize(2));
    }
}
