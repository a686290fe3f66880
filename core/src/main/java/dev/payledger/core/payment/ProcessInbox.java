package dev.payledger.core.payment;

import dev.payledger.core.Persistence;
import dev.payledger.core.inbox.InboundEvent;
import dev.payledger.core.inbox.InboxState;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Works the webhook inbox: claims due events (safe across instances), reads each with its provider's
 * verifier, hands it to {@link HandleProviderEvent}, and records the outcome — PROCESSED, IGNORED, or a
 * failed attempt retried with back-off until FAILED. Thread-safe.
 */
public final class ProcessInbox {
    private static final System.Logger LOG = System.getLogger(ProcessInbox.class.getName());

    private final Persistence store;
    private final Providers providers;
    private final HandleProviderEvent handler;
    private final InboxPolicy policy;
    private final Clock clock;

    public ProcessInbox(Persistence store, Providers providers, HandleProviderEvent handler, InboxPolicy policy,
                        Clock clock) {
        this.store = store;
        this.providers = providers;
        this.handler = handler;
        this.policy = policy;
        this.clock = clock;
    }

    /** Processes up to {@code limit} due events; returns how many were claimed. */
    public int processDue(int limit) {
        Instant now = clock.instant();
        List<InboundEvent> claimed = store.unitOfWork().inTransaction(() ->
                store.inbox().claimDue(now, now.plus(policy.lease()), limit));
        for (InboundEvent event : claimed) {
            process(event);
        }
        return claimed.size();
    }

    /** Processes one claimed event and records how it went. */
    HandleProviderEvent.Outcome process(InboundEvent stored) {
        HandleProviderEvent.Outcome outcome;
        try {
            PaymentProvider provider = providers.find(stored.provider()).orElseThrow(() ->
                    new IllegalStateException("provider " + stored.provider() + " is not enabled"));
            outcome = handler.handle(provider.verifier().read(stored.eventId(), stored.body()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Inbox event " + stored.id() + " (" + stored.provider() + " "
                    + stored.eventId() + ") failed: " + e);
            fail(stored, e.getClass().getSimpleName() + ": " + e.getMessage());
            return new HandleProviderEvent.Unmatched(String.valueOf(e.getMessage()));
        }
        if (outcome instanceof HandleProviderEvent.Unmatched unmatched) {
            fail(stored, unmatched.reason());
        } else {
            InboxState state = outcome instanceof HandleProviderEvent.Applied ? InboxState.PROCESSED : InboxState.IGNORED;
            store.unitOfWork().inTransaction(() -> {
                store.inbox().finish(stored.id(), state, clock.instant());
                return null;
            });
        }
        return outcome;
    }

    private void fail(InboundEvent stored, String error) {
        Optional<Instant> retryAt = policy.retryDelay(stored.attempts()).map(delay -> clock.instant().plus(delay));
        store.unitOfWork().inTransaction(() -> {
            store.inbox().fail(stored.id(), error.length() > 1000 ? error.substring(0, 1000) : error, retryAt);
            return null;
        });
    }
}
