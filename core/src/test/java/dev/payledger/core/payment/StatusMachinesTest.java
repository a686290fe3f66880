package dev.payledger.core.payment;

import dev.payledger.core.order.FulfilmentStatus;
import dev.payledger.core.order.OrderPaymentStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.payledger.core.payment.PaymentStatus.AUTHORIZED;
import static dev.payledger.core.payment.PaymentStatus.CANCELLED;
import static dev.payledger.core.payment.PaymentStatus.CAPTURED;
import static dev.payledger.core.payment.PaymentStatus.CREATED;
import static dev.payledger.core.payment.PaymentStatus.EXPIRED;
import static dev.payledger.core.payment.PaymentStatus.FAILED;
import static dev.payledger.core.payment.PaymentStatus.NEEDS_REVIEW;
import static dev.payledger.core.payment.PaymentStatus.PARTIALLY_REFUNDED;
import static dev.payledger.core.payment.PaymentStatus.REFUNDED;
import static org.assertj.core.api.Assertions.assertThat;

class StatusMachinesTest {
    @Test
    void paymentTransitionsAreExactlyTheDesignedOnes() {
        List<String> legal = new ArrayList<>();
        for (PaymentStatus from : PaymentStatus.values()) {
            for (PaymentStatus to : PaymentStatus.values()) {
                if (from.canMoveTo(to)) {
                    legal.add(from + "->" + to);
                }
            }
        }
        assertThat(legal).containsExactlyInAnyOrder(
                "CREATED->AUTHORIZED", "CREATED->CAPTURED", "CREATED->FAILED", "CREATED->EXPIRED", "CREATED->CANCELLED",
                "CREATED->NEEDS_REVIEW",
                "AUTHORIZED->CAPTURED", "AUTHORIZED->FAILED", "AUTHORIZED->EXPIRED", "AUTHORIZED->CANCELLED",
                "AUTHORIZED->NEEDS_REVIEW",
                "FAILED->CAPTURED", "FAILED->NEEDS_REVIEW", "EXPIRED->CAPTURED", "EXPIRED->NEEDS_REVIEW",
                "CANCELLED->CAPTURED", "CANCELLED->NEEDS_REVIEW",
                "CAPTURED->PARTIALLY_REFUNDED", "CAPTURED->REFUNDED",
                "PARTIALLY_REFUNDED->PARTIALLY_REFUNDED", "PARTIALLY_REFUNDED->REFUNDED");
    }

    @Test
    void moneyNeverMovesAPaymentBackwards() {
        for (PaymentStatus paid : EnumSet.of(CAPTURED, PARTIALLY_REFUNDED, REFUNDED)) {
            assertThat(paid.next()).doesNotContain(CREATED, AUTHORIZED, FAILED, EXPIRED, CANCELLED, CAPTURED);
        }
        assertThat(REFUNDED.next()).isEmpty();
        assertThat(NEEDS_REVIEW.next()).isEmpty();
    }

    @Test
    void lateMoneyIsStillSettleable() {
        assertThat(PaymentStatus.SETTLEABLE).containsExactlyInAnyOrder(CREATED, AUTHORIZED, FAILED, EXPIRED, CANCELLED);
        PaymentStatus.SETTLEABLE.forEach(status -> assertThat(status.canMoveTo(CAPTURED)).isTrue());
    }

    @Test
    void fulfilmentFollowsPlacedConfirmedShippedDelivered() {
        assertThat(FulfilmentStatus.PLACED.next()).containsExactlyInAnyOrder(FulfilmentStatus.CONFIRMED, FulfilmentStatus.CANCELLED);
        assertThat(FulfilmentStatus.CONFIRMED.next()).containsExactlyInAnyOrder(FulfilmentStatus.SHIPPED,
                FulfilmentStatus.DELIVERED, FulfilmentStatus.CANCELLED);
        assertThat(FulfilmentStatus.SHIPPED.next()).containsExactly(FulfilmentStatus.DELIVERED);
        assertThat(FulfilmentStatus.SHIPPED.canMoveTo(FulfilmentStatus.CANCELLED)).isFalse();
        assertThat(FulfilmentStatus.DELIVERED.next()).isEmpty();
        assertThat(FulfilmentStatus.CANCELLED.next()).isEmpty();
    }

    @Test
    void orderPaymentGoesPendingPaidRefunded() {
        assertThat(OrderPaymentStatus.PENDING.next()).containsExactly(OrderPaymentStatus.PAID);
        assertThat(OrderPaymentStatus.PAID.next()).containsExactlyInAnyOrder(OrderPaymentStatus.PARTIALLY_REFUNDED,
                OrderPaymentStatus.REFUNDED);
        assertThat(OrderPaymentStatus.REFUNDED.next()).isEmpty();
        assertThat(OrderPaymentStatus.PAID.canMoveTo(OrderPaymentStatus.PENDING)).isFalse();
    }

    @Test
    void refundsEndOnce() {
        Set<RefundStatus> finals = EnumSet.of(RefundStatus.SUCCEEDED, RefundStatus.FAILED);
        for (RefundStatus end : finals) {
            for (RefundStatus any : RefundStatus.values()) {
                assertThat(end.canMoveTo(any)).isFalse();
            }
        }
        assertThat(RefundStatus.PENDING.canMoveTo(RefundStatus.REQUESTED)).isFalse();
        assertThat(RefundStatus.REQUESTED.canMoveTo(RefundStatus.PENDING)).isTrue();
    }
}
