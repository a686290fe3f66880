package dev.payledger.jdbc.contract;

import dev.payledger.core.outbox.Outbox;
import dev.payledger.core.outbox.OutboxEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.payledger.jdbc.contract.Fixtures.ALICE;
import static dev.payledger.jdbc.contract.Fixtures.BOB;
import static dev.payledger.jdbc.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class OutboxContract extends PersistenceContract {

    private Outbox outbox() {
        return persistence.outbox();
    }

    private OutboxEvent append(String type, long second) {
        return inTransaction(() -> outbox().append(OutboxEvent.of(type, ALICE, "pay_1",
                Map.of("credits", "50", "note", "\"quoted\" ₹ \\ \n"), at(second))));
    }

    @Test
    void appendedEventsGetIncreasingSequencesAndReadBackInOrder() {
        OutboxEvent paid = append("payment.paid", 0);
        OutboxEvent credited = append("wallet.credited", 1);

        assertThat(paid.sequence()).isPositive();
        assertThat(credited.sequence()).isGreaterThan(paid.sequence());
        assertThat(outbox().readAfter(0, 10)).containsExactly(paid, credited);
        assertThat(outbox().readAfter(paid.sequence(), 10)).containsExactly(credited);
        assertThat(outbox().readAfter(credited.sequence(), 10)).isEmpty();
    }

    @Test
    void appendAllNumbersTheEventsInListOrder() {
        OutboxEvent before = append("before", 0);
        java.util.List<OutboxEvent> appended = inTransaction(() -> outbox().appendAll(java.util.List.of(
                OutboxEvent.of("payment.paid", ALICE, "pay_1", Map.of("credits", "10"), at(1)),
                OutboxEvent.of("wallet.credited", ALICE, "pay_1", Map.of("balance", "10"), at(1)),
                OutboxEvent.of("payment.paid", BOB, "pay_2", Map.of("credits", "0"), at(1)))));

        assertThat(appended).extracting(OutboxEvent::type).containsExactly("payment.paid", "wallet.credited", "payment.paid");
        assertThat(appended.get(0).sequence()).isGreaterThan(before.sequence());
        assertThat(appended.get(1).sequence()).isGreaterThan(appended.get(0).sequence());
        assertThat(appended.get(2).sequence()).isGreaterThan(appended.get(1).sequence());
        assertThat(outbox().readAfter(before.sequence(), 10)).containsExactlyElementsOf(appended);
    }

    @Test
    void readAfterHonoursTheLimit() {
        OutboxEvent first = append("a", 0);
        append("b", 1);
        append("c", 2);

        assertThat(outbox().readAfter(0, 1)).containsExactly(first);
    }

    @Test
    void eventsOfARolledBackTransactionAreNeverSeen() {
        OutboxEvent kept = append("kept", 0);
        assertThatThrownBy(() -> inTransaction(() -> {
            outbox().append(OutboxEvent.of("lost", BOB, "x", Map.of(), at(1)));
            throw new Rollback();
        })).isInstanceOf(Rollback.class);
        OutboxEvent next = append("next", 2);

        assertThat(outbox().readAfter(0, 10)).containsExactly(kept, next);
    }
}
