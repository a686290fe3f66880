package dev.payledger.core.payment;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.Atomically;
import dev.payledger.core.common.ConcurrentChangeException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Asks each provider about payments still open after its {@link ReconcilePolicy}'s interval, and acts on the
 * answer through the same paths as webhooks: paid → {@link SettlePayment}, failed or expired → recorded,
 * still pending past {@code expireAfter} → closed at the provider and expired. Safe to run from several
 * instances at once: every step is idempotent and compare-and-set. Thread-safe.
 */
public final class Reconcile {
    private static final int BATCH = 200;

    private final Persistence store;
    private final Providers providers;
    private final SettlePayment settlePayment;
    private final Clock clock;

    public Reconcile(Persistence store, Providers providers, SettlePayment settlePayment, Clock clock) {
        this.store = store;
        this.providers = providers;
        this.settlePayment = settlePayment;
        this.clock = clock;
    }

    public Report run() {
        Tally tally = new Tally();
        for (PaymentProvider provider : providers.all()) {
            ReconcilePolicy policy = provider.reconcilePolicy();
            Instant now = clock.instant();
            List<Payment> stale = store.unitOfWork().inTransaction(() -> store.payments().findStale(provider.name(),
                    EnumSet.of(PaymentStatus.CREATED, PaymentStatus.AUTHORIZED), now.minus(policy.firstCheck()), BATCH));
            for (Payment payment : stale) {
                if (payment.updatedAt().isBefore(now.minus(interval(policy, payment, now)))) {
                    check(provider, policy, payment, now, tally);
                }
            }
        }
        return tally.report();
    }

    private static Duration interval(ReconcilePolicy policy, Payment payment, Instant now) {
        Duration age = Duration.between(payment.createdAt(), now);
        Duration interval = policy.firstCheck();
        for (Duration candidate : policy.checkAfter()) {
            if (age.compareTo(candidate) >= 0) {
                interval = candidate;
            }
        }
        return interval;
    }

    private void check(PaymentProvider provider, ReconcilePolicy policy, Payment payment, Instant now, Tally tally) {
        tally.checked++;
        boolean tooOld = payment.createdAt().isBefore(now.minus(policy.expireAfter()));
        if (payment.providerRef().isEmpty()) {
            close(payment, PaymentStatus.FAILED, "checkout was never opened at the provider", tally);
            return;
        }
        try {
            ProviderPaymentState state = provider.gateway().fetch(payment);
            if (state instanceof ProviderPaymentState.Authorized authorized) {
                Optional<ProviderPaymentState> captured = Capture.ifMatching(settlePayment, provider.gateway(), payment,
                        authorized.evidence());
                if (captured.isEmpty()) {
                    tally.needsReview.add(payment.id());
                    return;
                }
                state = captured.get();
            }
            if (state instanceof ProviderPaymentState.Paid paid) {
                settled(settlePayment.settle(paid.evidence()), tally);
            } else if (state instanceof ProviderPaymentState.Failed failed) {
                close(payment, PaymentStatus.FAILED, failed.reason(), tally);
            } else if (state instanceof ProviderPaymentState.Expired || tooOld) {
                if (tooOld) {
                    provider.gateway().cancel(payment);
                }
                close(payment, PaymentStatus.EXPIRED, "expired unpaid", tally);
            } else {
                touch(payment, tally);
            }
        } catch (GatewayException e) {
            tally.errors.add(payment.id() + ": " + e.getMessage());
        }
    }

    private void settled(SettlePayment.Result result, Tally tally) {
        if (result instanceof SettlePayment.Settled) {
            tally.settled++;
        } else if (result instanceof SettlePayment.NeedsReview review) {
            tally.needsReview.add(review.payment().id());
        }
    }

    private void close(Payment payment, PaymentStatus target, String reason, Tally tally) {
        boolean closed = Atomically.run(store.unitOfWork(), () -> {
            Payment current = store.payments().find(payment.id()).orElseThrow();
            if (!current.status().isOpen()) {
                return false;
            }
            Instant now = clock.instant();
            Payment updated = current.moveTo(target, Optional.empty(), Optional.of(reason), now);
            ConcurrentChangeException.requireUpdated(store.payments().update(updated), "payment " + payment.id());
            Events.payment(store.outbox(), "payment." + target.name().toLowerCase(java.util.Locale.ROOT), updated, now,
                    "reason", reason);
            return true;
        });
        if (closed && target == PaymentStatus.FAILED) {
            tally.failed++;
        } else if (closed) {
            tally.expired++;
        }
    }

    private void touch(Payment payment, Tally tally) {
        tally.stillOpen++;
        store.unitOfWork().inTransaction(() -> store.payments().update(payment.touched(clock.instant())));
    }

    /** What one run did. {@code errors} lists payments whose provider could not be asked. */
    public record Report(int checked, int settled, int failed, int expired, int stillOpen, List<PaymentId> needsReview,
                         List<String> errors) {
        public Report {
            needsReview = List.copyOf(needsReview);
            errors = List.copyOf(errors);
        }
    }

    private static final class Tally {
        int checked;
        int settled;
        int failed;
        int expired;
        int stillOpen;
        final List<PaymentId> needsReview = new ArrayList<>();
        final List<String> errors = new ArrayList<>();

        Report report() {
            return new Report(checked, settled, failed, expired, stillOpen, needsReview, errors);
        }
    }
}
