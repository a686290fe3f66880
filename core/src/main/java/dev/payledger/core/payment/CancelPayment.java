package dev.payledger.core.payment;

import dev.payledger.core.Persistence;
import dev.payledger.core.common.Atomically;
import dev.payledger.core.common.ConcurrentChangeException;
import dev.payledger.core.common.UserId;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The payer dismissed the checkout: the attempt is marked CANCELLED, then closed at the provider (best
 * effort). Money that still arrives for it is settled all the same. Thread-safe.
 */
public final class CancelPayment {
    private static final System.Logger LOG = System.getLogger(CancelPayment.class.getName());

    private final Persistence store;
    private final Providers providers;
    private final Clock clock;

    public CancelPayment(Persistence store, Providers providers, Clock clock) {
        this.store = store;
        this.providers = providers;
        this.clock = clock;
    }

    public Result cancel(UserId user, PaymentId paymentId) {
        Result result = Atomically.run(store.unitOfWork(), () -> {
            Optional<Payment> found = store.payments().find(paymentId);
            if (found.isEmpty()) {
                return new Refused(Refusal.PAYMENT_NOT_FOUND, "Payment not found");
            }
            Payment payment = found.get();
            if (!payment.belongsTo(user)) {
                return new Refused(Refusal.NOT_YOUR_PAYMENT, "Not your payment");
            }
            if (payment.status() == PaymentStatus.CANCELLED) {
                return new Cancelled(payment);
            }
            if (!payment.status().isOpen()) {
                return new Refused(Refusal.NOT_OPEN, "Payment is " + payment.status());
            }
            Instant now = clock.instant();
            Payment cancelled = payment.moveTo(PaymentStatus.CANCELLED, Optional.empty(), Optional.of("cancelled by payer"), now);
            ConcurrentChangeException.requireUpdated(store.payments().update(cancelled), "payment " + paymentId);
            Events.payment(store.outbox(), "payment.cancelled", cancelled, now);
            return new Cancelled(cancelled);
        });
        if (result instanceof Cancelled cancelled && cancelled.payment().providerRef().isPresent()) {
            providers.find(cancelled.payment().provider()).ifPresent(provider -> {
                try {
                    provider.gateway().cancel(cancelled.payment());
                } catch (GatewayException e) {
                    LOG.log(System.Logger.Level.INFO, "Could not close " + paymentId + " at " + e.provider()
                            + "; it stays cancelled here: " + e.getMessage());
                }
            });
        }
        return result;
    }

    public sealed interface Result {
    }

    public record Cancelled(Payment payment) implements Result {
    }

    public record Refused(Refusal reason, String message) implements Result {
    }

    public enum Refusal {
        PAYMENT_NOT_FOUND, NOT_YOUR_PAYMENT, NOT_OPEN
    }
}
