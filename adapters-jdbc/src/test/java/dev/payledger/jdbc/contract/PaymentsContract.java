package dev.payledger.jdbc.contract;

import dev.payledger.core.money.Money;
import dev.payledger.core.order.FulfilmentStatus;
import dev.payledger.core.order.Order;
import dev.payledger.core.order.OrderId;
import dev.payledger.core.outbox.OutboxEvent;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentId;
import dev.payledger.core.payment.PaymentStatus;
import dev.payledger.core.payment.Payments;
import dev.payledger.core.payment.Payments.PaymentTally;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.payledger.jdbc.contract.Fixtures.ALICE;
import static dev.payledger.jdbc.contract.Fixtures.BOB;
import static dev.payledger.jdbc.contract.Fixtures.INR;
import static dev.payledger.jdbc.contract.Fixtures.at;
import static dev.payledger.jdbc.contract.Fixtures.order;
import static dev.payledger.jdbc.contract.Fixtures.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

public abstract class PaymentsContract extends PersistenceContract {
    private static final Map<String, String> CHECKOUT = Map.of("key_id", "rzp_test_1", "upi",
            "upi://pay?pa=x@y&am=49.00", "note", "quote \" backslash \\ newline \n tab \t ünïcødé ₹");

    private Payments payments() {
        return persistence.payments();
    }

    private Payment stored(String id, String provider, String ref, long createdAtSecond) {
        Payment payment = payment(id, ALICE, provider, at(createdAtSecond));
        payments().insert(payment);
        if (ref == null) {
            return payment;
        }
        Payment opened = payment.opened(ref, CHECKOUT, at(createdAtSecond + 1));
        assertThat(payments().update(opened)).isTrue();
        return opened;
    }

    @Test
    void insertedPaymentIsFoundAsStored() {
        Payment created = payment("pay_1", ALICE, "razorpay", at(0));

        inTransaction(() -> payments().insert(created));

        assertThat(payments().find(new PaymentId("pay_1"))).contains(created);
        assertThat(payments().find(new PaymentId("pay_2"))).isEmpty();
    }

    @Test
    void everyFieldSurvivesAnUpdate() {
        Payment opened = stored("pay_1", "razorpay", "order_A", 0);
        Payment failed = opened.moveTo(PaymentStatus.FAILED, Optional.of("pay_X"), Optional.of("card declined"), at(5));
        Payment captured = failed.moveTo(PaymentStatus.CAPTURED, at(6));
        Payment refunded = captured.refund(Money.ofMinor(INR, 900), at(7));

        assertThat(payments().update(failed)).isTrue();
        assertThat(payments().update(captured)).isTrue();
        assertThat(payments().update(refunded)).isTrue();

        assertThat(payments().find(opened.id())).contains(refunded);
        assertThat(refunded.checkout()).isEqualTo(CHECKOUT);
    }

    @Test
    void insertingAnExistingIdThrows() {
        payments().insert(payment("pay_1", ALICE, "razorpay", at(0)));

        assertThatThrownBy(() -> payments().insert(payment("pay_1", BOB, "stripe", at(1))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(payments().find(new PaymentId("pay_1")).orElseThrow().user()).isEqualTo(ALICE);
    }

    @Test
    void anOrderAndItsFirstPaymentAreStoredTogether() {
        Payment payment = payment("pay_1", ALICE, "razorpay", at(0));
        Order order = order("ord_pay_1", ALICE, at(0));

        payments().insertWithOrder(order, payment);

        assertThat(persistence.orders().find(order.id()).orElseThrow()).usingRecursiveComparison().isEqualTo(order);
        assertThat(payments().find(payment.id())).contains(payment);
    }

    @Test
    void anOrderWithATakenPaymentIdIsNotStoredEither() {
        payments().insert(payment("pay_1", ALICE, "razorpay", at(0)));
        Order order = order("ord_new", BOB, at(1));

        assertThatThrownBy(() -> payments().insertWithOrder(order, payment("pay_1", BOB, "stripe", at(1))))
                .isInstanceOf(IllegalStateException.class);

        assertThat(persistence.orders().find(order.id())).isEmpty();
        assertThat(payments().find(new PaymentId("pay_1")).orElseThrow().user()).isEqualTo(ALICE);
    }

    @Test
    void aPaymentForATakenOrderIdIsNotStored() {
        Order first = order("ord_1", ALICE, at(0));
        persistence.orders().insert(first);

        assertThatThrownBy(() -> payments().insertWithOrder(order("ord_1", BOB, at(1)),
                payment("pay_2", BOB, "razorpay", at(1)))).isInstanceOf(IllegalStateException.class);

        assertThat(persistence.orders().find(first.id()).orElseThrow().buyer()).isEqualTo(ALICE);
        assertThat(payments().find(new PaymentId("pay_2"))).isEmpty();
    }

    @Test
    void aCheckoutWithNothingOpenStoresItsOrderAndPayment() {
        stored("pay_other", "stripe", "pi_1", 0); // another provider's open attempt does not count
        Payment payment = payment("pay_1", ALICE, "razorpay", at(10));
        Order order = order("ord_pay_1", ALICE, at(10));

        assertThat(payments().reuseOrInsertWithOrder(order, payment, at(0))).isEmpty();

        assertThat(persistence.orders().find(order.id()).orElseThrow()).usingRecursiveComparison().isEqualTo(order);
        assertThat(payments().find(payment.id())).contains(payment);
    }

    @Test
    void aCheckoutWithTheNewestAttemptOpenGetsItAndStoresNothing() {
        Payment open = stored("pay_1", "razorpay", "order_A", 0);
        Order order = order("ord_pay_2", ALICE, at(10));

        assertThat(payments().reuseOrInsertWithOrder(order, payment("pay_2", ALICE, "razorpay", at(10)), at(0)))
                .contains(open);

        assertThat(persistence.orders().find(order.id())).isEmpty();
        assertThat(payments().find(new PaymentId("pay_2"))).isEmpty();
    }

    @Test
    void onlyTheNewestAttemptSinceTheWindowIsReused() {
        stored("pay_1", "razorpay", "order_A", 0); // open, but older than the window
        assertThat(payments().reuseOrInsertWithOrder(order("ord_pay_2", ALICE, at(100)),
                payment("pay_2", ALICE, "razorpay", at(100)), at(50))).isEmpty();
        assertThat(payments().find(new PaymentId("pay_2"))).isPresent();

        // pay_2 is the newest and not opened at the provider yet: not reusable, though pay_1 is open
        assertThat(payments().reuseOrInsertWithOrder(order("ord_pay_3", ALICE, at(101)),
                payment("pay_3", ALICE, "razorpay", at(101)), at(0))).isEmpty();
        assertThat(payments().find(new PaymentId("pay_3"))).isPresent();
    }

    @Test
    void aCheckoutForATakenOrderIdStoresNothing() {
        persistence.orders().insert(order("ord_1", BOB, at(0)));

        assertThatThrownBy(() -> payments().reuseOrInsertWithOrder(order("ord_1", ALICE, at(1)),
                payment("pay_1", ALICE, "razorpay", at(1)), at(0))).isInstanceOf(IllegalStateException.class);

        assertThat(persistence.orders().find(new OrderId("ord_1")).orElseThrow().buyer())
                .isEqualTo(BOB);
        assertThat(payments().find(new PaymentId("pay_1"))).isEmpty();
    }

    @Test
    void onlyOneUpdateFromTheSameVersionWins() {
        Payment created = payment("pay_1", ALICE, "razorpay", at(0));
        payments().insert(created);
        Payment captured = created.moveTo(PaymentStatus.CAPTURED, at(1));
        Payment cancelled = created.moveTo(PaymentStatus.CANCELLED, at(1));

        assertThat(payments().update(captured)).isTrue();
        assertThat(payments().update(cancelled)).isFalse();

        assertThat(payments().find(created.id())).contains(captured);
    }

    @Test
    void updateAllIsACompareAndSetOnEveryPaymentAndKeepsEveryField() {
        Payment first = stored("pay_1", "razorpay", "order_A", 0);
        Payment second = stored("pay_2", "razorpay", "order_B", 0);
        Payment firstCaptured = first.moveTo(PaymentStatus.CAPTURED, Optional.of("pay_X"), Optional.empty(), at(5));
        Payment secondFailed = second.moveTo(PaymentStatus.FAILED, Optional.empty(), Optional.of("declined"), at(5));

        assertThat(inTransaction(() -> payments().updateAll(List.of(firstCaptured, secondFailed)))).isTrue();
        assertThat(payments().find(first.id())).contains(firstCaptured);
        assertThat(payments().find(second.id())).contains(secondFailed);

        Payment stale = first.moveTo(PaymentStatus.CANCELLED, at(6));
        Payment fresh = secondFailed.moveTo(PaymentStatus.CAPTURED, at(6));
        assertThat(payments().updateAll(List.of(stale, fresh))).as("one was changed meanwhile").isFalse();
        assertThat(payments().find(first.id())).contains(firstCaptured);
    }

    @Test
    void findByProviderRefsWithOrdersBringsEachPaymentsOrderWithItsLines() {
        Payment a = stored("pay_1", "razorpay", "order_A", 0);
        Payment b = stored("pay_2", "razorpay", "order_B", 0);
        Payment orphan = stored("pay_3", "razorpay", "order_C", 0); // its order was never stored
        stored("pay_4", "stripe", "order_A", 0);
        Order orderA = order("ord_pay_1", ALICE, at(0));
        Order orderB = order("ord_pay_2", ALICE, at(0)).paid();
        persistence.orders().insert(orderA);
        persistence.orders().insert(orderB);
        persistence.orders().insert(order("ord_unrelated", BOB, at(0)));

        Payments.FoundWithOrders found = inTransaction(() -> payments().findByProviderRefsWithOrders("razorpay",
                List.of("order_A", "order_B", "order_C", "nothing")));

        assertThat(found.byRef()).containsOnly(Map.entry("order_A", a), Map.entry("order_B", b),
                Map.entry("order_C", orphan));
        assertThat(found.orders()).containsOnlyKeys(orderA.id(), orderB.id());
        assertThat(found.orders().get(orderA.id())).usingRecursiveComparison().isEqualTo(orderA);
        assertThat(found.orders().get(orderB.id())).usingRecursiveComparison().isEqualTo(orderB);
        assertThat(found.orders().get(orderA.id()).lines()).hasSize(2);
        Payments.FoundWithOrders none = payments().findByProviderRefsWithOrders("razorpay", List.of());
        assertThat(none.byRef()).isEmpty();
        assertThat(none.orders()).isEmpty();
    }

    @Test
    void updateAllWithOrdersIsACompareAndSetOnEveryPaymentAndEveryOrderAndAppendsTheEvents() {
        Payment first = stored("pay_1", "razorpay", "order_A", 0);
        Payment second = stored("pay_2", "razorpay", "order_B", 0);
        Order firstOrder = order("ord_pay_1", ALICE, at(0));
        Order secondOrder = order("ord_pay_2", ALICE, at(0));
        persistence.orders().insert(firstOrder);
        persistence.orders().insert(secondOrder);
        Payment firstCaptured = first.moveTo(PaymentStatus.CAPTURED, Optional.of("pay_X"), Optional.empty(), at(5));
        Payment secondCaptured = second.moveTo(PaymentStatus.CAPTURED, Optional.of("pay_Y"), Optional.empty(), at(5));
        List<OutboxEvent> events = List.of(
                OutboxEvent.of("payment.paid", ALICE, "pay_1", Map.of("credits", "20"), at(5)),
                OutboxEvent.of("payment.paid", ALICE, "pay_2", Map.of("note", "quote \" ünïcødé"), at(5)),
                OutboxEvent.of("wallet.credited", ALICE, "pay_2", Map.of("balance", "40"), at(5)));

        boolean updated = inTransaction(() -> payments().updateAllWithOrders(List.of(firstCaptured, secondCaptured),
                List.of(firstOrder.paid(), secondOrder.paid()), events));

        assertThat(updated).isTrue();
        assertThat(payments().find(first.id())).contains(firstCaptured);
        assertThat(payments().find(second.id())).contains(secondCaptured);
        assertThat(persistence.orders().find(secondOrder.id()).orElseThrow())
                .usingRecursiveComparison().isEqualTo(secondOrder.paid());
        List<OutboxEvent> appended = persistence.outbox().readAfter(0, 10);
        assertThat(appended).extracting(OutboxEvent::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(appended).extracting(OutboxEvent::type, OutboxEvent::subject, OutboxEvent::data).containsExactly(
                tuple("payment.paid", "pay_1", Map.of("credits", "20")),
                tuple("payment.paid", "pay_2", Map.of("note", "quote \" ünïcødé")),
                tuple("wallet.credited", "pay_2", Map.of("balance", "40")));
    }

    @Test
    void updateAllWithOrdersIsFalseWhenAPaymentOrAnOrderChangedMeanwhile() {
        Payment payment = stored("pay_1", "razorpay", "order_A", 0);
        Order order = order("ord_pay_1", ALICE, at(0));
        persistence.orders().insert(order);
        Payment captured = payment.moveTo(PaymentStatus.CAPTURED, Optional.of("pay_X"), Optional.empty(), at(5));
        List<OutboxEvent> paid = List.of(OutboxEvent.of("payment.paid", ALICE, "pay_1", Map.of(), at(5)));
        assertThat(inTransaction(() -> payments().updateAllWithOrders(List.of(captured), List.of(order.paid()), paid)))
                .isTrue();

        boolean staleOrder = payments().updateAllWithOrders(List.of(captured.moveTo(PaymentStatus.REFUNDED, at(6))),
                List.of(order.paid()), paid);
        boolean stalePayment = payments().updateAllWithOrders(List.of(payment.moveTo(PaymentStatus.CANCELLED, at(6))),
                List.of(order.paid().moveTo(FulfilmentStatus.DELIVERED)), paid);

        assertThat(staleOrder).as("the order was changed meanwhile").isFalse();
        assertThat(stalePayment).as("the payment was changed meanwhile").isFalse();
        assertThat(payments().updateAllWithOrders(List.of(), List.of(), List.of())).isTrue();
    }

    @Test
    void updateOfAnUnknownPaymentIsFalse() {
        Payment ghost = payment("pay_1", ALICE, "razorpay", at(0));
        assertThat(payments().update(ghost.moveTo(PaymentStatus.CAPTURED, at(1)))).isFalse();
    }

    @Test
    void aProviderReferenceBelongsToOnePayment() {
        stored("pay_1", "razorpay", "order_A", 0);
        Payment other = payment("pay_2", ALICE, "razorpay", at(1));
        payments().insert(other);

        assertThatThrownBy(() -> payments().update(other.opened("order_A", Map.of(), at(2))))
                .isInstanceOf(IllegalStateException.class);

        assertThat(payments().find(other.id())).contains(other);
        assertThat(payments().findByProviderRef("razorpay", "order_A").orElseThrow().id().value()).isEqualTo("pay_1");
    }

    @Test
    void theSameReferenceAtAnotherProviderIsAnotherPayment() {
        stored("pay_1", "razorpay", "ref_1", 0);
        stored("pay_2", "stripe", "ref_1", 0);

        assertThat(payments().findByProviderRef("stripe", "ref_1").orElseThrow().id().value()).isEqualTo("pay_2");
        assertThat(payments().findByProviderRef("coinbase", "ref_1")).isEmpty();
    }

    @Test
    void paymentsWithoutAReferenceDoNotCollide() {
        stored("pay_1", "razorpay", null, 0);
        stored("pay_2", "razorpay", null, 0);

        assertThat(payments().listByUser(ALICE, 10)).hasSize(2);
    }

    @Test
    void findsByTheProvidersPaymentId() {
        Payment opened = stored("pay_1", "razorpay", "order_A", 0);
        Payment captured = opened.moveTo(PaymentStatus.CAPTURED, Optional.of("pay_RZP1"), Optional.empty(), at(3));
        payments().update(captured);

        assertThat(payments().findByProviderPaymentId("razorpay", "pay_RZP1")).contains(captured);
        assertThat(payments().findByProviderPaymentId("stripe", "pay_RZP1")).isEmpty();
    }

    @Test
    void findRecentIsTheNewestForKeyUserAndProviderSince() {
        stored("pay_1", "razorpay", null, 0);
        stored("pay_2", "razorpay", null, 100);
        stored("pay_3", "stripe", null, 200);

        assertThat(payments().findRecent(ALICE, "package:starter:INR", "razorpay", at(50)))
                .map(payment -> payment.id().value()).contains("pay_2");
        assertThat(payments().findRecent(ALICE, "package:starter:INR", "razorpay", at(100))).isPresent();
        assertThat(payments().findRecent(ALICE, "package:starter:INR", "razorpay", at(101))).isEmpty();
        assertThat(payments().findRecent(BOB, "package:starter:INR", "razorpay", at(0))).isEmpty();
        assertThat(payments().findRecent(ALICE, "package:pro:INR", "razorpay", at(0))).isEmpty();
    }

    @Test
    void findStaleIsOldestFirstByProviderStatusAndAge() {
        stored("pay_1", "razorpay", "a", 30);
        stored("pay_2", "razorpay", "b", 10);
        stored("pay_3", "razorpay", "c", 20);
        stored("pay_4", "stripe", "d", 0);
        Payment captured = stored("pay_5", "razorpay", "e", 0);
        payments().update(captured.moveTo(PaymentStatus.CAPTURED, at(1)));
        stored("pay_6", "razorpay", "f", 500);

        assertThat(payments().findStale("razorpay", EnumSet.of(PaymentStatus.CREATED, PaymentStatus.AUTHORIZED), at(100), 10))
                .extracting(payment -> payment.id().value()).containsExactly("pay_2", "pay_3", "pay_1");
        assertThat(payments().findStale("razorpay", EnumSet.of(PaymentStatus.CREATED), at(100), 2))
                .extracting(payment -> payment.id().value()).containsExactly("pay_2", "pay_3");
        assertThat(payments().findStale("razorpay", EnumSet.noneOf(PaymentStatus.class), at(100), 10)).isEmpty();
    }

    @Test
    void listByUserIsNewestFirstAndLimited() {
        stored("pay_1", "razorpay", null, 0);
        stored("pay_2", "razorpay", null, 20);
        stored("pay_3", "razorpay", null, 10);
        payments().insert(payment("pay_4", BOB, "razorpay", at(30)));

        assertThat(payments().listByUser(ALICE, 2)).extracting(payment -> payment.id().value())
                .containsExactly("pay_2", "pay_3");
    }

    @Test
    void tallyCountsAndSumsPerProviderStatusAndCurrencyInTheWindow() {
        stored("pay_1", "razorpay", null, 0);
        stored("pay_2", "razorpay", null, 10);
        Payment captured = stored("pay_3", "razorpay", "c", 20);
        payments().update(captured.moveTo(PaymentStatus.CAPTURED, at(30)));
        stored("pay_4", "stripe", null, 40);
        stored("pay_5", "stripe", null, 100);

        assertThat(payments().tally(at(0), at(100))).containsExactlyInAnyOrder(
                new PaymentTally("razorpay", PaymentStatus.CREATED, "INR", 2, 9800),
                new PaymentTally("razorpay", PaymentStatus.CAPTURED, "INR", 1, 4900),
                new PaymentTally("stripe", PaymentStatus.CREATED, "INR", 1, 4900));
    }

    @Test
    void insertRolledBackWithItsTransactionIsGone() {
        assertThatThrownBy(() -> inTransaction(() -> {
            payments().insert(payment("pay_1", ALICE, "razorpay", at(0)));
            throw new Rollback();
        })).isInstanceOf(Rollback.class);

        assertThat(payments().find(new PaymentId("pay_1"))).isEmpty();
    }
}
