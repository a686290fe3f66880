package dev.payledger.core.payment;

import dev.payledger.core.Persistence;
import dev.payledger.core.inbox.InboundEvent;
import dev.payledger.core.inbox.InboxState;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Receives one webhook: verifies it with the provider's verifier (a rejected one changes nothing), stores it
 * in the inbox (a duplicate delivery stops here), then processes it at once. Once stored the event is never
 * lost: if processing fails, or this process dies, the inbox retries it. Thread-safe.
 */
public final class ReceiveWebhook {
    private final Persistence store;
    private final Providers providers;
    private final ProcessInbox processInbox;
    private final InboxPolicy policy;
    private final Clock clock;

    public ReceiveWebhook(Persistence store, Providers providers, ProcessInbox processInbox, InboxPolicy policy,
                          Clock clock) {
        this.store = store;
        this.providers = providers;
        this.processInbox = processInbox;
        this.policy = policy;
        this.clock = clock;
    }

    public Result receive(String provider, WebhookRequest request) {
        Optional<PaymentProvider> found = providers.find(provider);
        if (found.isEmpty()) {
            return new UnknownProvider(provider);
        }
        Verification verification = found.get().verifier().verify(request);
        if (verification instanceof Verification.Rejected rejected) {
            return new Rejected(rejected.reason(), rejected.message());
        }
        ProviderEvent event = ((Verification.Verified) verification).event();
        Instant now = clock.instant();
        InboundEvent claimed = new InboundEvent(0, provider, event.eventId(), event.type(), request.body(), now,
                InboxState.RECEIVED, 1, Optional.empty(), now.plus(policy.lease()));
        Optional<InboundEvent> stored = store.unitOfWork().inTransaction(() -> store.inbox().store(claimed));
        if (stored.isEmpty()) {
            return new Duplicate(event.eventId());
        }
        try {
            return new Accepted(stored.get().id(), processInbox.process(stored.get()));
        } catch (RuntimeException e) {
            return new Accepted(stored.get().id(), new HandleProviderEvent.Unmatched("deferred to the inbox: " + e));
        }
    }

    public sealed interface Result {
    }

    /** Stored (answer 2xx); {@code outcome} says what processing did (a failure is retried from the inbox). */
    public record Accepted(long inboxId, HandleProviderEvent.Outcome outcome) implements Result {
    }

    /** Delivered before (answer 2xx). */
    public record Duplicate(String eventId) implements Result {
    }

    /** Not authentic or not readable (answer 400); nothing was stored. */
    public record Rejected(Verification.Reason reason, String message) implements Result {
    }

    public record UnknownProvider(String provider) implements Result {
    }
}
