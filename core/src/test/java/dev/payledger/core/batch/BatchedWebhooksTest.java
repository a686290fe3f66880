package dev.payledger.core.batch;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.UserId;
import dev.payledger.core.inbox.InboxState;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.payment.EventFact;
import dev.payledger.core.payment.HandleProviderEvent;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentReference;
import dev.payledger.core.payment.PaymentStatus;
import dev.payledger.core.payment.ProviderEvent;
import dev.payledger.core.payment.ReceiveWebhook;
import dev.payledger.core.payment.SettlementEvidence;
import dev.payledger.core.payment.WebhookRequest;
import dev.payledger.core.testing.Harness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class BatchedWebhooksTest {
    private final Persistence store = freshPersistence();
    private final Harness harness = new Harness(store);

    /** The store under test; a subclass in adapters-jdbc runs the same tests on PostgreSQL. */
    protected Persistence freshPersistence() {
        return InMemoryPersistence.create();
    }

    @Test
    void everyPaymentDeliveredTwiceByEightSendersIsCreditedOnceAndEveryEventIsProcessed() throws Exception {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            payments.add(harness.checkout(UserId.of("u" + i), "starter"));
        }
        List<WebhookRequest> deliveries = new ArrayList<>();
        for (Payment payment : payments) {
            deliveries.add(captured("evt_a_" + payment.id().value(), payment));
            deliveries.add(captured("evt_a_" + payment.id().value(), payment)); // the same event again
            deliveries.add(captured("evt_b_" + payment.id().value(), payment)); // another event, same money
        }
        java.util.Collections.shuffle(deliveries, new java.util.Random(7));
        List<ReceiveWebhook.Result> results = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try (BatchedWebhooks webhooks = new BatchedWebhooks(harness.payLedger, 16, Duration.ZERO, 2)) {
            List<Future<ReceiveWebhook.Result>> futures = new ArrayList<>();
            for (WebhookRequest delivery : deliveries) {
                futures.add(senders.submit(() -> {
                    start.await();
                    return webhooks.receive(Harness.PROVIDER, delivery);
                }));
            }
            start.countDown();
            for (Future<ReceiveWebhook.Result> future : futures) {
                results.add(future.get());
            }
            assertThat(webhooks.stats().batches()).isPositive();
        } finally {
            senders.shutdown();
        }
        assertThat(results).filteredOn(ReceiveWebhook.Duplicate.class::isInstance).hasSize(40);
        assertThat(results).filteredOn(ReceiveWebhook.Accepted.class::isInstance).hasSize(80)
                .allMatch(r -> ((ReceiveWebhook.Accepted) r).outcome() instanceof HandleProviderEvent.Applied);
        for (int i = 0; i < 40; i++) {
            assertThat(harness.wallet(UserId.of("u" + i)).balance()).isEqualTo(10);
            assertThat(harness.payLedger.readPayments().find(payments.get(i).id()).orElseThrow().status())
                    .isEqualTo(PaymentStatus.CAPTURED);
        }
        assertThat(store.inbox().countByState()).containsEntry(InboxState.PROCESSED, 80L);
        assertThat(harness.payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    @Test
    void moneyForAnUnknownPaymentStaysInTheInboxToBeRetried() {
        WebhookRequest orphan = harness.provider.webhook(new ProviderEvent(Harness.PROVIDER, "evt_orphan",
                "payment.captured", new EventFact.PaymentCaptured(new SettlementEvidence(Harness.PROVIDER,
                PaymentReference.byProviderRef("nobody"), "pay_nobody", dev.payledger.core.money.Money.ofMinor("INR", 4900)))),
                harness.clock.instant());
        try (BatchedWebhooks webhooks = BatchedWebhooks.start(harness.payLedger)) {
            ReceiveWebhook.Result result = webhooks.receive(Harness.PROVIDER, orphan);
            assertThat(((ReceiveWebhook.Accepted) result).outcome()).isInstanceOf(HandleProviderEvent.Unmatched.class);
        }
        assertThat(store.inbox().list(InboxState.RECEIVED, 10)).singleElement()
                .satisfies(event -> assertThat(event.nextAttemptAt()).isAfter(harness.clock.instant()));
    }

    @Test
    void aForgedWebhookIsRejectedAndOtherEventsTakeThePlainPath() {
        Payment payment = harness.checkout(UserId.of("ana"), "starter");
        WebhookRequest failed = harness.provider.webhook(new ProviderEvent(Harness.PROVIDER, "evt_failed",
                "payment.failed", new EventFact.PaymentFailed(PaymentReference.byProviderRef(
                payment.providerRef().orElseThrow()), "declined")), harness.clock.instant());
        WebhookRequest real = captured("evt_forged", payment);
        WebhookRequest forged = new WebhookRequest(real.headers(), "{\"forged\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8), real.receivedAt());
        try (BatchedWebhooks webhooks = BatchedWebhooks.start(harness.payLedger)) {
            assertThat(webhooks.receive(Harness.PROVIDER, forged)).isInstanceOf(ReceiveWebhook.Rejected.class);
            assertThat(webhooks.receive(Harness.PROVIDER, failed)).isInstanceOf(ReceiveWebhook.Accepted.class);
            assertThat(webhooks.stats().batches()).isZero();
        }
        assertThat(harness.payLedger.readPayments().find(payment.id()).orElseThrow().status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(store.inbox().countByState()).containsEntry(InboxState.PROCESSED, 1L);
        assertThat(harness.wallet(UserId.of("ana")).balance()).isZero();
    }

    @Test
    void receivedAsynchronouslyEachPaymentIsCreditedOnceAndOnlyCapturedMoneyWaitsForABatch() throws Exception {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            payments.add(harness.checkout(UserId.of("a" + i), "starter"));
        }
        WebhookRequest real = captured("evt_forged_async", payments.get(0));
        WebhookRequest forged = new WebhookRequest(real.headers(), "{\"forged\":true}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), real.receivedAt());
        List<ReceiveWebhook.Result> results = new ArrayList<>();
        ExecutorService alone = Executors.newFixedThreadPool(2);
        try (BatchedWebhooks webhooks = new BatchedWebhooks(harness.payLedger, 8, Duration.ZERO, 2)) {
            java.util.concurrent.CompletableFuture<ReceiveWebhook.Result> rejected =
                    webhooks.receiveAsync(Harness.PROVIDER, forged, alone);
            assertThat(rejected).isCompletedWithValueMatching(ReceiveWebhook.Rejected.class::isInstance);
            List<java.util.concurrent.CompletableFuture<ReceiveWebhook.Result>> futures = new ArrayList<>();
            for (Payment payment : payments) {
                futures.add(webhooks.receiveAsync(Harness.PROVIDER, captured("evt_async_" + payment.id().value(), payment), alone));
                futures.add(webhooks.receiveAsync(Harness.PROVIDER, captured("evt_async_" + payment.id().value(), payment), alone));
            }
            for (java.util.concurrent.CompletableFuture<ReceiveWebhook.Result> future : futures) {
                results.add(future.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(webhooks.stats().batches()).isPositive();
        } finally {
            alone.shutdown();
        }
        assertThat(results).filteredOn(ReceiveWebhook.Accepted.class::isInstance).hasSize(20);
        assertThat(results).filteredOn(ReceiveWebhook.Duplicate.class::isInstance).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(harness.wallet(UserId.of("a" + i)).balance()).isEqualTo(10);
        }
        assertThat(harness.payLedger.verifyLedger().verify().isClean()).isTrue();
    }

    private WebhookRequest captured(String eventId, Payment payment) {
        return harness.provider.webhook(new ProviderEvent(Harness.PROVIDER, eventId, "payment.captured",
                new EventFact.PaymentCaptured(Harness.evidence(payment))), harness.clock.instant());
    }
}
