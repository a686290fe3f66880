package dev.payledger.core.batch;

import dev.payledger.core.PayLedger;
import dev.payledger.core.Persistence;
import dev.payledger.core.inbox.InboundEvent;
import dev.payledger.core.inbox.InboxState;
import dev.payledger.core.payment.EventFact;
import dev.payledger.core.payment.HandleProviderEvent;
import dev.payledger.core.payment.InboxPolicy;
import dev.payledger.core.payment.PaymentProvider;
import dev.payledger.core.payment.ProviderEvent;
import dev.payledger.core.payment.ReceiveWebhook;
import dev.payledger.core.payment.SettlePayment;
import dev.payledger.core.payment.SettlementEvidence;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@link ReceiveWebhook} with group commit for the webhooks that carry captured money (most of them): each is
 * verified on the caller's thread, then a writer stores a batch of them in the inbox (as processed) and settles
 * them through {@link SettlePayment#settleAll}, all in ONE transaction, so a webhook is
 * acknowledged only after its event is stored and settled, and a batch pays one commit instead of three per
 * webhook. Duplicate deliveries stop at the inbox as before; money for an unknown payment is left in the inbox
 * to retry. Every other webhook (rejected, unknown provider, authorizations, failures, refunds) takes
 * {@link ReceiveWebhook} unchanged, and a batch that fails is rolled back and its webhooks received one by one
 * by {@link ReceiveWebhook}. Results are {@link ReceiveWebhook#receive}'s. Thread-safe; close it to stop the
 * writers.
 */
public final class BatchedWebhooks implements AutoCloseable {
    /** Webhooks per transaction unless told otherwise. */
    public static final int DEFAULT_MAX_BATCH = 64;

    private final PayLedger payLedger;
    private final Batcher<Received, ReceiveWebhook.Result> batcher;

    /** A verified webhook with captured money, waiting for its batch. */
    private record Received(String provider, WebhookRequest request, ProviderEvent event, SettlementEvidence evidence) {
    }

    /**
     * @param maxBatch the most webhooks per transaction
     * @param linger   how long a writer waits for a fuller batch (zero: group what queued during the last commit)
     * @param writers  writer threads; more than one lets a batch run while another commits
     */
    public BatchedWebhooks(PayLedger payLedger, int maxBatch, Duration linger, int writers) {
        this.payLedger = payLedger;
        this.batcher = new Batcher<>("payledger-webhook-batcher", payLedger.persistence().unitOfWork(), this::receiveAll,
                received -> payLedger.receiveWebhook().receive(received.provider(), received.request()), maxBatch,
                linger, writers);
    }

    /** Batches of up to {@link #DEFAULT_MAX_BATCH}, no lingering, two writers. */
    public static BatchedWebhooks start(PayLedger payLedger) {
        return new BatchedWebhooks(payLedger, DEFAULT_MAX_BATCH, Duration.ZERO, 2);
    }

    /** Receives one webhook and answers once it is stored (and, for captured money, settled); see {@link ReceiveWebhook}. */
    public ReceiveWebhook.Result receive(String provider, WebhookRequest request) {
        Optional<PaymentProvider> found = payLedger.providers().find(provider);
        if (found.isPresent() && found.get().verifier().verify(request) instanceof Verification.Verified verified
                && verified.event().fact() instanceof EventFact.PaymentCaptured captured) {
            return batcher.submit(new Received(provider, request, verified.event(), captured.evidence()));
        }
        return payLedger.receiveWebhook().receive(provider, request);
    }

    /**
     * As {@link #receive}, without holding the caller's thread while the batch commits: a webhook with captured
     * money is verified here and the future completes after its batch's commit, on the writer's thread (move
     * further work off it with an {@code …Async} stage); a webhook that must be received alone (its batch failed,
     * the database was just found down) is received on {@code alone}. Every other webhook is received here, on
     * the caller's thread, and the future is already complete.
     */
    public CompletableFuture<ReceiveWebhook.Result> receiveAsync(String provider, WebhookRequest request, Executor alone) {
        Optional<PaymentProvider> found = payLedger.providers().find(provider);
        if (found.isPresent() && found.get().verifier().verify(request) instanceof Verification.Verified verified
                && verified.event().fact() instanceof EventFact.PaymentCaptured captured) {
            return batcher.submitAsync(new Received(provider, request, verified.event(), captured.evidence()), alone);
        }
        return CompletableFuture.completedFuture(payLedger.receiveWebhook().receive(provider, request));
    }

    public BatchStats stats() {
        return batcher.stats();
    }

    private List<ReceiveWebhook.Result> receiveAll(List<Received> batch) {
        Persistence store = payLedger.persistence();
        InboxPolicy policy = payLedger.inboxPolicy();
        Instant now = payLedger.clock().instant();
        // Stored already PROCESSED (what finishing them would write, in the same transaction): one row version and
        // one statement fewer per batch. The rare event that does not settle is put back to be retried below.
        List<InboundEvent> claimed = batch.stream().map(received -> new InboundEvent(0, received.provider(),
                received.event().eventId(), received.event().type(), received.request().body(), now,
                InboxState.PROCESSED, 1, Optional.empty(), now)).toList();
        List<Optional<InboundEvent>> stored = store.inbox().storeAll(claimed);
        List<SettlementEvidence> evidences = new ArrayList<>();
        List<Integer> settling = new ArrayList<>();
        ReceiveWebhook.Result[] results = new ReceiveWebhook.Result[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            if (stored.get(i).isPresent()) {
                evidences.add(batch.get(i).evidence());
                settling.add(i);
            } else {
                results[i] = new ReceiveWebhook.Duplicate(batch.get(i).event().eventId());
            }
        }
        List<SettlePayment.Result> settled = payLedger.settlePayment().settleAll(evidences);
        for (int j = 0; j < settling.size(); j++) {
            InboundEvent event = stored.get(settling.get(j)).orElseThrow();
            HandleProviderEvent.Outcome outcome = HandleProviderEvent.settled(settled.get(j));
            if (outcome instanceof HandleProviderEvent.Unmatched unmatched) {
                store.inbox().fail(event.id(), unmatched.reason(), policy.retryDelay(event.attempts()).map(now::plus));
            }
            results[settling.get(j)] = new ReceiveWebhook.Accepted(event.id(), outcome);
        }
        return List.of(results);
    }

    @Override
    public void close() {
        batcher.close();
    }
}
