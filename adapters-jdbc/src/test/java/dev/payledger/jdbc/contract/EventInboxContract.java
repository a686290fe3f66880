package dev.payledger.jdbc.contract;

import dev.payledger.core.inbox.EventInbox;
import dev.payledger.core.inbox.InboundEvent;
import dev.payledger.core.inbox.InboxState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.payledger.jdbc.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class EventInboxContract extends PersistenceContract {
    private static final byte[] BODY = "{\"event\":\"payment.captured\",\"amount\":4900}\n".getBytes(StandardCharsets.UTF_8);

    private EventInbox inbox() {
        return persistence.inbox();
    }

    private InboundEvent store(String provider, String eventId, long receivedAtSecond) {
        return inbox().store(InboundEvent.received(provider, eventId, "payment.captured", BODY, at(receivedAtSecond)))
                .orElseThrow();
    }

    @Test
    void storedEventKeepsItsBodyByteForByteAndGetsAnId() {
        InboundEvent stored = inTransaction(() -> store("razorpay", "evt_1", 0));

        InboundEvent found = inbox().find(stored.id()).orElseThrow();
        assertThat(stored.id()).isPositive();
        assertThat(found.body()).isEqualTo(BODY);
        assertThat(found).usingRecursiveComparison().isEqualTo(stored);
        assertThat(found.state()).isEqualTo(InboxState.RECEIVED);
        assertThat(found.attempts()).isZero();
        assertThat(found.nextAttemptAt()).isEqualTo(at(0));
        assertThat(inbox().find(stored.id() + 1000)).isEmpty();
    }

    @Test
    void aRedeliveredEventIsADuplicate() {
        store("razorpay", "evt_1", 0);

        assertThat(inbox().store(InboundEvent.received("razorpay", "evt_1", "payment.captured", BODY, at(5)))).isEmpty();
        assertThat(inbox().store(InboundEvent.received("stripe", "evt_1", "payment.captured", BODY, at(5)))).isPresent();
        assertThat(inbox().countByState()).containsEntry(InboxState.RECEIVED, 2L);
    }

    @Test
    void storeAllStoresEachEventOnceAndAnswersDuplicatesInOrder() {
        store("razorpay", "evt_0", 0);
        byte[] other = "{\"ü\":\"₹\"}".getBytes(StandardCharsets.UTF_8);

        List<Optional<InboundEvent>> stored = inTransaction(() -> inbox().storeAll(List.of(
                InboundEvent.received("razorpay", "evt_1", "payment.captured", BODY, at(1)),
                InboundEvent.received("razorpay", "evt_0", "payment.captured", BODY, at(1)),
                InboundEvent.received("stripe", "evt_1", "checkout.session.completed", other, at(1)),
                InboundEvent.received("razorpay", "evt_1", "payment.captured", BODY, at(2)))));

        assertThat(stored).extracting(Optional::isPresent).containsExactly(true, false, true, false);
        assertThat(inbox().find(stored.get(0).orElseThrow().id()).orElseThrow().body()).isEqualTo(BODY);
        assertThat(inbox().find(stored.get(2).orElseThrow().id()).orElseThrow().body()).isEqualTo(other);
        assertThat(stored.get(2).orElseThrow().provider()).isEqualTo("stripe");
        assertThat(inbox().countByState()).containsEntry(InboxState.RECEIVED, 3L);
    }

    @Test
    void claimDueTakesDueEventsOldestFirstAndLeasesThem() {
        InboundEvent second = store("razorpay", "evt_2", 20);
        InboundEvent first = store("razorpay", "evt_1", 10);
        store("razorpay", "evt_3", 500);

        List<InboundEvent> claimed = inbox().claimDue(at(100), at(160), 10);

        assertThat(claimed).extracting(InboundEvent::id).containsExactly(first.id(), second.id());
        assertThat(claimed).allSatisfy(event -> {
            assertThat(event.attempts()).isEqualTo(1);
            assertThat(event.nextAttemptAt()).isEqualTo(at(160));
        });
        assertThat(inbox().claimDue(at(150), at(210), 10)).isEmpty();
        assertThat(inbox().claimDue(at(160), at(220), 10)).extracting(InboundEvent::attempts).containsExactly(2, 2);
    }

    @Test
    void claimDueHonoursTheLimit() {
        store("razorpay", "evt_1", 1);
        store("razorpay", "evt_2", 2);
        store("razorpay", "evt_3", 3);

        assertThat(inbox().claimDue(at(10), at(70), 2)).extracting(InboundEvent::eventId).containsExactly("evt_1", "evt_2");
        assertThat(inbox().claimDue(at(10), at(70), 2)).extracting(InboundEvent::eventId).containsExactly("evt_3");
    }

    @Test
    void finishedEventsAreNotClaimedAgain() {
        InboundEvent processed = store("razorpay", "evt_1", 0);
        InboundEvent ignored = store("razorpay", "evt_2", 0);

        inbox().finish(processed.id(), InboxState.PROCESSED, at(1));
        inbox().finish(ignored.id(), InboxState.IGNORED, at(1));

        assertThat(inbox().claimDue(at(100), at(160), 10)).isEmpty();
        assertThat(inbox().find(processed.id()).orElseThrow().state()).isEqualTo(InboxState.PROCESSED);
        assertThat(inbox().countByState()).isEqualTo(Map.of(InboxState.RECEIVED, 0L, InboxState.PROCESSED, 1L,
                InboxState.IGNORED, 1L, InboxState.FAILED, 0L));
    }

    @Test
    void countsOnlyTheAskedStatesEachPresentEvenWhenEmpty() {
        store("razorpay", "evt_1", 0);
        InboundEvent processed = store("razorpay", "evt_2", 0);
        inbox().finish(processed.id(), InboxState.PROCESSED, at(1));

        assertThat(inbox().countIn(EnumSet.of(InboxState.RECEIVED, InboxState.FAILED)))
                .isEqualTo(Map.of(InboxState.RECEIVED, 1L, InboxState.FAILED, 0L));
        assertThat(inbox().countIn(EnumSet.noneOf(InboxState.class))).isEmpty();
    }

    @Test
    void finishTakesOnlyFinalStatesOfKnownEvents() {
        InboundEvent event = store("razorpay", "evt_1", 0);

        assertThatThrownBy(() -> inbox().finish(event.id(), InboxState.FAILED, at(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> inbox().finish(event.id() + 1000, InboxState.PROCESSED, at(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailedAttemptIsRetriedWhenDueOrFailsForGood() {
        InboundEvent retried = store("razorpay", "evt_1", 0);
        InboundEvent abandoned = store("razorpay", "evt_2", 0);
        inbox().claimDue(at(0), at(60), 10);

        inbox().fail(retried.id(), "gateway timeout", Optional.of(at(300)));
        inbox().fail(abandoned.id(), "unknown payment", Optional.empty());

        InboundEvent again = inbox().find(retried.id()).orElseThrow();
        assertThat(again.state()).isEqualTo(InboxState.RECEIVED);
        assertThat(again.lastError()).contains("gateway timeout");
        assertThat(again.nextAttemptAt()).isEqualTo(at(300));
        assertThat(inbox().find(abandoned.id()).orElseThrow().state()).isEqualTo(InboxState.FAILED);
        assertThat(inbox().claimDue(at(299), at(400), 10)).isEmpty();
        assertThat(inbox().claimDue(at(300), at(400), 10)).extracting(InboundEvent::id).containsExactly(retried.id());
        assertThatThrownBy(() -> inbox().fail(retried.id() + 1000, "x", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replayPutsAFailedEventBackWithAttemptsReset() {
        InboundEvent event = store("razorpay", "evt_1", 0);
        inbox().claimDue(at(0), at(60), 10);
        inbox().fail(event.id(), "boom", Optional.empty());

        assertThat(inbox().replay(event.id(), at(500))).isTrue();

        InboundEvent replayed = inbox().find(event.id()).orElseThrow();
        assertThat(replayed.state()).isEqualTo(InboxState.RECEIVED);
        assertThat(replayed.attempts()).isZero();
        assertThat(replayed.nextAttemptAt()).isEqualTo(at(500));
        assertThat(inbox().replay(event.id(), at(501))).isFalse();
        assertThat(inbox().replay(event.id() + 1000, at(501))).isFalse();
    }

    @Test
    void listIsNewestFirstByState() {
        store("razorpay", "evt_1", 0);
        store("razorpay", "evt_2", 1);
        InboundEvent third = store("razorpay", "evt_3", 2);
        inbox().finish(third.id(), InboxState.PROCESSED, at(3));

        assertThat(inbox().list(InboxState.RECEIVED, 10)).extracting(InboundEvent::eventId).containsExactly("evt_2", "evt_1");
        assertThat(inbox().list(InboxState.RECEIVED, 1)).extracting(InboundEvent::eventId).containsExactly("evt_2");
        assertThat(inbox().list(InboxState.PROCESSED, 10)).extracting(InboundEvent::eventId).containsExactly("evt_3");
        assertThat(inbox().list(InboxState.FAILED, 10)).isEmpty();
    }

    @Test
    void anEventStoredInARolledBackTransactionIsNotADuplicate() {
        assertThatThrownBy(() -> inTransaction(() -> {
            store("razorpay", "evt_1", 0);
            throw new Rollback();
        })).isInstanceOf(Rollback.class);

        assertThat(inbox().store(InboundEvent.received("razorpay", "evt_1", "payment.captured", BODY, at(1)))).isPresent();
    }
}
