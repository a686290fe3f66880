package dev.payledger.jdbc.contract;

import dev.payledger.core.ledger.Wallet;
import dev.payledger.core.order.OrderId;
import dev.payledger.core.outbox.OutboxEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.payledger.jdbc.contract.Fixtures.ALICE;
import static dev.payledger.jdbc.contract.Fixtures.T0;
import static dev.payledger.jdbc.contract.Fixtures.grant;
import static dev.payledger.jdbc.contract.Fixtures.order;
import static dev.payledger.jdbc.contract.Fixtures.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class UnitOfWorkContract extends PersistenceContract {

    @Test
    void changesThroughEveryPortCommitTogether() {
        String result = inTransaction(() -> {
            persistence.orders().insert(order("ord_1", ALICE, T0));
            persistence.payments().insert(payment("pay_1", ALICE, "razorpay", T0));
            persistence.ledger().post(grant("grant:1", ALICE, 5));
            persistence.outbox().append(OutboxEvent.of("wallet.credited", ALICE, "grant:1", Map.of(), T0));
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(persistence.orders().find(new OrderId("ord_1"))).isPresent();
        assertThat(persistence.ledger().wallet(ALICE).balance()).isEqualTo(5);
        assertThat(persistence.outbox().readAfter(0, 10)).hasSize(1);
    }

    @Test
    void anExceptionRollsBackEveryPortAndIsRethrown() {
        Rollback failure = new Rollback();

        assertThatThrownBy(() -> inTransaction(() -> {
            persistence.orders().insert(order("ord_1", ALICE, T0));
            persistence.payments().insert(payment("pay_1", ALICE, "razorpay", T0));
            persistence.ledger().post(grant("grant:1", ALICE, 5));
            persistence.outbox().append(OutboxEvent.of("wallet.credited", ALICE, "grant:1", Map.of(), T0));
            throw failure;
        })).isSameAs(failure);

        assertThat(persistence.orders().find(new OrderId("ord_1"))).isEmpty();
        assertThat(persistence.payments().listByUser(ALICE, 10)).isEmpty();
        assertThat(persistence.ledger().wallet(ALICE)).isEqualTo(Wallet.empty(ALICE));
        assertThat(persistence.outbox().readAfter(0, 10)).isEmpty();
    }

    @Test
    void aNestedCallJoinsTheOuterTransaction() {
        assertThatThrownBy(() -> inTransaction(() -> {
            inTransaction(() -> persistence.orders().insert(order("ord_1", ALICE, T0)));
            assertThat(persistence.orders().find(new OrderId("ord_1"))).isPresent();
            throw new Rollback();
        })).isInstanceOf(Rollback.class);

        assertThat(persistence.orders().find(new OrderId("ord_1"))).isEmpty();
    }

    @Test
    void aTransactionSeesItsOwnWrites() {
        inTransaction(() -> {
            persistence.ledger().post(grant("grant:1", ALICE, 5));
            assertThat(persistence.ledger().wallet(ALICE).balance()).isEqualTo(5);
            assertThat(persistence.ledger().isPosted("grant:1")).isTrue();
        });
    }
}
