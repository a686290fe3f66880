package dev.payledger.stripe;

import dev.payledger.core.PayLedger;
import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.money.Money;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentStatus;
import dev.payledger.core.payment.PurchaseTarget;
import dev.payledger.core.payment.StartCheckout;
import dev.payledger.sandbox.stripe.StripeEmulator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One end-to-end world: the Stripe sandbox, PayLedger in memory with the real Stripe adapter pointed at it (on
 * a clock tests can move), and a local webhook receiver the sandbox delivers to.
 */
final class SandboxWorld implements AutoCloseable {
    static final UserId ALICE = UserId.of("alice");

    final StripeEmulator stripe;
    final MovableClock clock = new MovableClock();
    final PayLedger payLedger;
    final WebhookReceiver receiver;

    SandboxWorld() throws IOException {
        stripe = StripeEmulator.start(0);
        StripeConfig config = new StripeConfig(StripeEmulator.TEST_SECRET_KEY, StripeEmulator.TEST_WEBHOOK_SECRET,
                stripe.apiBase(), "https://shop.test/paid/{PAYMENT_ID}?session={CHECKOUT_SESSION_ID}",
                "https://shop.test/cancelled/{PAYMENT_ID}", Duration.ofMinutes(5), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 0);
        payLedger = PayLedger.builder().persistence(InMemoryPersistence.create()).provider(Stripe.provider(config))
                .clock(clock).build();
        receiver = new WebhookReceiver(payLedger);
        stripe.webhooks().target(receiver.uri());
    }

    Payment checkout() {
        StartCheckout.Result result = payLedger.startCheckout().start(new StartCheckout.Command(ALICE,
                PurchaseTarget.creditPackage("starter", Money.currency("INR")), Stripe.NAME));
        assertThat(result).isInstanceOf(StartCheckout.Started.class);
        return ((StartCheckout.Started) result).payment();
    }

    String session(Payment payment) {
        return payment.providerRef().orElseThrow();
    }

    PaymentStatus status(Payment payment) {
        return payLedger.readPayments().find(payment.id()).orElseThrow().status();
    }

    long balance() {
        return payLedger.readWallet().wallet(ALICE).balance();
    }

    void awaitStatus(Payment payment, PaymentStatus expected) {
        await(() -> status(payment) == expected);
        assertThat(status(payment)).isEqualTo(expected);
    }

    void awaitDeliveries(int count) {
        await(() -> receiver.received().size() >= count);
        assertThat(receiver.received()).hasSize(count);
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stripe.close();
        receiver.close();
    }

    /** The system clock plus an offset tests can move forward. Thread-safe. */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
