package dev.payledger.app.work;

import dev.payledger.app.http.EventHub;
import dev.payledger.app.http.Metrics;
import dev.payledger.core.PayLedger;
import dev.payledger.core.inbox.InboxState;
import dev.payledger.core.payment.Reconcile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The background jobs: the inbox worker (retries due webhook events, refreshes the backlog gauge), the
 * reconciler, the outbox feed for SSE and a heartbeat for open streams. A failing run is logged and the next
 * one comes on schedule. {@link #close()} stops them and waits for running jobs. Thread-safe.
 */
public final class Workers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);
    private static final int INBOX_BATCH = 100;
    /** The inbox states gauged as {@code payledger_inbox_events{state}}: what waits, and what needs an operator. */
    private static final Set<InboxState> BACKLOG = EnumSet.of(InboxState.RECEIVED, InboxState.FAILED);

    private final ScheduledExecutorService scheduler;

    private Workers(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    public static Workers start(PayLedger payLedger, Metrics metrics, EventHub hub, Duration inboxEvery,
                                Duration reconcileEvery) {
        return start(payLedger, metrics, hub, inboxEvery, reconcileEvery, java.util.Optional.empty());
    }

    /** As above, plus the signed notifications to the host application when configured. */
    public static Workers start(PayLedger payLedger, Metrics metrics, EventHub hub, Duration inboxEvery,
                                Duration reconcileEvery,
                                java.util.Optional<dev.payledger.core.outbox.HostNotifications> notifications) {
        AtomicInteger count = new AtomicInteger();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "payledger-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        OutboxFeed feed = new OutboxFeed(payLedger.persistence(), hub, metrics);
        safely("outbox", metrics, feed::skipToEnd);
        every(scheduler, "inbox", metrics, inboxEvery, () -> processInbox(payLedger, metrics));
        every(scheduler, "reconcile", metrics, reconcileEvery, () -> reconcile(payLedger));
        every(scheduler, "outbox", metrics, Duration.ofMillis(200), feed::poll);
        every(scheduler, "heartbeat", metrics, Duration.ofSeconds(15), hub::heartbeat);
        notifications.ifPresent(sender -> every(scheduler, "notify", metrics, Duration.ofSeconds(1), () -> {
            dev.payledger.core.outbox.HostNotifications.Round round = sender.deliverDue();
            round.failure().filter(failure -> !failure.startsWith("backing off"))
                    .ifPresent(failure -> LOG.warn("host notifications paused: {}", failure));
        }));
        return new Workers(scheduler);
    }

    private static void processInbox(PayLedger payLedger, Metrics metrics) {
        while (payLedger.processInbox().processDue(INBOX_BATCH) == INBOX_BATCH) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
        // the backlog only: counting PROCESSED every few seconds would read the whole history
        payLedger.persistence().unitOfWork()
                .inTransaction(() -> payLedger.persistence().inbox().countIn(BACKLOG))
                .forEach((state, count) -> metrics.inboxBacklog(state.name(), count));
    }

    private static void reconcile(PayLedger payLedger) {
        Reconcile.Report report = payLedger.reconcile().run();
        if (report.checked() > 0 || !report.errors().isEmpty()) {
            LOG.info("reconcile checked={} settled={} failed={} expired={} still_open={} needs_review={} errors={}",
                    report.checked(), report.settled(), report.failed(), report.expired(), report.stillOpen(),
                    report.needsReview().size(), report.errors().size());
        }
    }

    private static void every(ScheduledExecutorService scheduler, String name, Metrics metrics, Duration period,
                              Runnable job) {
        scheduler.scheduleWithFixedDelay(() -> safely(name, metrics, job), period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static void safely(String name, Metrics metrics, Runnable job) {
        long began = System.nanoTime();
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.warn("{} job failed: {}", name, e.toString());
        } finally {
            if (!name.equals("outbox") && !name.equals("heartbeat")) {
                metrics.job(name, Duration.ofNanos(System.nanoTime() - began));
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("background jobs did not stop within 10 s; interrupting them");
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
