package dev.payledger.core.payment;

import dev.payledger.core.common.UserId;
import dev.payledger.core.inbox.InboundEvent;
import dev.payledger.core.inbox.InboxState;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.testing.Harness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookInboxTest {
    private final Harness harness = new Harness(InMemoryPersistence.create());
    private final UserId ana = UserId.of("ana");

    @Test
    void aDuplicateDeliveryIsAcknowledgedAndCreditsNothing() {
        Payment payment = harness.checkout(ana, "starter");
        ProviderEvent event = harness.capturedEvent(payment);
        assertThat(harness.deliver(event)).isInstanceOf(ReceiveWebhook.Accepted.class);
        assertThat(harness.deliver(event)).isEqualTo(new ReceiveWebhook.Duplicate(event.eventId()));
        assertThat(harness.wallet(ana).balance()).isEqualTo(10);
    }

    @Test
    void aForgedWebhookIsRejectedAndNothingIsStored() {
        Payment payment = harness.checkout(ana, "starter");
        WebhookRequest genuine = harness.provider.webhook(harness.capturedEvent(payment), harness.clock.instant());
        WebhookRequest forged = new WebhookRequest(Map.of(dev.payledger.core.inmemory.FakeProvider.SIGNATURE_HEADER, "forged"),
                genuine.body(), harness.clock.instant());
        WebhookRequest unsigned = new WebhookRequest(Map.of(), genuine.body(), harness.clock.instant());
        assertThat(harness.payLedger.receiveWebhook().receive("fakepay", forged))
                .isEqualTo(new ReceiveWebhook.Rejected(Verification.Reason.INVALID_SIGNATURE, "Invalid signature"));
        assertThat(harness.payLedger.receiveWebhook().receive("fakepay", unsigned))
                .isInstanceOf(ReceiveWebhook.Rejected.class);
        assertThat(harness.payLedger.receiveWebhook().receive("stripe", genuine))
                .isEqualTo(new ReceiveWebhook.UnknownProvider("stripe"));
        assertThat(harness.payLedger.persistence().inbox().countByState().values()).allMatch(count -> count == 0);
        assertThat(harness.wallet(ana).balance()).isZero();
    }

    @Test
    void aFailureThatArrivesAfterTheCaptureDoesNotUndoIt() {
        Payment payment = harness.checkout(ana, "starter");
        harness.deliver(harness.capturedEvent(payment));
        harness.deliver(new ProviderEvent("fakepay", "evt_late_fail", "payment.failed", new EventFact.PaymentFailed(
                PaymentReference.byProviderRef(payment.providerRef().orElseThrow()), "late")));
        assertThat(harness.payLedger.readPayments().find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(harness.wallet(ana).balance()).isEqualTo(10);
    }

    @Test
    void moneyWeCannotMatchIsRetriedWithBackOffThenFailedForAnOperatorWhoCanReplayIt() {
        Payment payment = harness.checkout(ana, "starter");
        SettlementEvidence strange = new SettlementEvidence("fakepay", PaymentReference.byProviderRef("fakepay_ref_unknown"),
                "p1", payment.amount());
        ReceiveWebhook.Result received = harness.deliver(new ProviderEvent("fakepay", "evt_strange", "payment.captured",
                new EventFact.PaymentCaptured(strange)));
        long id = ((ReceiveWebhook.Accepted) received).inboxId();
        assertThat(((ReceiveWebhook.Accepted) received).outcome()).isInstanceOf(HandleProviderEvent.Unmatched.class);

        InboxPolicy policy = InboxPolicy.defaults();
        for (int attempt = 2; attempt <= policy.maxAttempts(); attempt++) {
            harness.clock.advance(policy.maxDelay());
            assertThat(harness.payLedger.processInbox().processDue(10)).isEqualTo(1);
        }
        InboundEvent failed = harness.payLedger.persistence().inbox().find(id).orElseThrow();
        assertThat(failed.state()).isEqualTo(InboxState.FAILED);
        assertThat(failed.attempts()).isEqualTo(policy.maxAttempts());
        assertThat(failed.lastError()).hasValueSatisfying(error -> assertThat(error).contains("no payment matches"));
        harness.clock.advance(Duration.ofDays(1));
        assertThat(harness.payLedger.processInbox().processDue(10)).isZero();

        assertThat(harness.payLedger.persistence().inbox().replay(id, harness.clock.instant())).isTrue();
        assertThat(harness.payLedger.processInbox().processDue(10)).isEqualTo(1);
        assertThat(harness.payLedger.persistence().inbox().find(id).orElseThrow().state()).isEqualTo(InboxState.RECEIVED);
    }

    @Test
    void anEventWhoseWorkerDiedIsPickedUpAfterTheLease() {
        Payment payment = harness.checkout(ana, "starter");
        ProviderEvent event = harness.capturedEvent(payment);
        harness.provider.webhook(event, harness.clock.instant());
        harness.payLedger.persistence().unitOfWork().inTransaction(() -> harness.payLedger.persistence().inbox().store(
                new InboundEvent(0, "fakepay", event.eventId(), event.type(), event.eventId().getBytes(),
                        harness.clock.instant(), InboxState.RECEIVED, 1, Optional.empty(),
                        harness.clock.instant().plus(InboxPolicy.defaults().lease()))));
        assertThat(harness.payLedger.processInbox().processDue(10)).as("still leased").isZero();
        harness.clock.advance(InboxPolicy.defaults().lease().plusSeconds(1));
        assertThat(harness.payLedger.processInbox().processDue(10)).isEqualTo(1);
        assertThat(harness.wallet(ana).balance()).isEqualTo(10);
    }

    @Test
    void irrelevantEventsAreStoredAsIgnored() {
        ReceiveWebhook.Result result = harness.deliver(new ProviderEvent("fakepay", "evt_other", "customer.created",
                new EventFact.Irrelevant("not about payments")));
        long id = ((ReceiveWebhook.Accepted) result).inboxId();
        assertThat(harness.payLedger.persistence().inbox().find(id).orElseThrow().state()).isEqualTo(InboxState.IGNORED);
    }
}
