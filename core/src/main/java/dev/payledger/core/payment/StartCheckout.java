package dev.payledger.core.payment;

import dev.payledger.core.Persistence;
import dev.payledger.core.catalog.Catalog;
import dev.payledger.core.catalog.CreditPackage;
import dev.payledger.core.common.Atomically;
import dev.payledger.core.common.ConcurrentChangeException;
import dev.payledger.core.common.Ids;
import dev.payledger.core.common.Require;
import dev.payledger.core.common.UserId;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.FulfilmentStatus;
import dev.payledger.core.order.Order;
import dev.payledger.core.order.OrderId;
import dev.payledger.core.order.OrderLine;
import dev.payledger.core.order.OrderPaymentStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts paying for a credit package or an order with one provider, in Brandur's atomic phases: (1) price it
 * from the catalog and store the attempt, (2) open the checkout at the provider with our payment id as the
 * idempotency key, outside any transaction, (3) store the provider's reference. A repeat for the same
 * purchase, user and provider within the reuse window returns the open attempt instead of a second one.
 * Phase 1 writes once (a package's new order with its payment, or an order's new payment), so it needs no
 * transaction of its own: with PostgreSQL each phase is one statement that commits by itself. A package's
 * checkout is two statements around the provider call: the reuse look-up with the insert
 * ({@link Payments#reuseOrInsertWithOrder}), and the compare-and-set. Only the second waits for the disk:
 * the buyer is answered after it, and its commit makes the first durable too.
 * Thread-safe.
 */
public final class StartCheckout {
    private final Persistence store;
    private final Catalog catalog;
    private final Providers providers;
    private final Optional<RenderQrCode> qrCodes;
    private final Ids ids;
    private final Clock clock;
    private final Duration reuseWindow;
    private final Duration checkoutTtl;

    public StartCheckout(Persistence store, Catalog catalog, Providers providers, Optional<RenderQrCode> qrCodes,
                         Ids ids, Clock clock, Duration reuseWindow, Duration checkoutTtl) {
        this.store = store;
        this.catalog = catalog;
        this.providers = providers;
        this.qrCodes = qrCodes;
        this.ids = ids;
        this.clock = clock;
        this.reuseWindow = reuseWindow;
        this.checkoutTtl = checkoutTtl;
    }

    public Result start(Command command) {
        Optional<PaymentProvider> provider = providers.find(command.provider());
        if (provider.isEmpty()) {
            return new Refused(Refusal.PROVIDER_NOT_ENABLED, "Provider " + command.provider() + " is not enabled");
        }
        Prepared prepared = prepare(command);
        if (!(prepared.result() instanceof Started started) || started.reused()) {
            return prepared.result();
        }
        return open(provider.get().gateway(), started.payment(), prepared.description());
    }

    /** What the first phase decided, with the new order's description for the provider (no re-read). */
    private record Prepared(Result result, String description) {
        Prepared(Result result) {
            this(result, "");
        }
    }

    private Prepared prepare(Command command) {
        Instant now = clock.instant();
        if (command.target() instanceof PurchaseTarget.CreditPackage target) {
            return preparePackage(command, target, now);
        }
        return prepareOrder(command, (PurchaseTarget.ExistingOrder) command.target(), now);
    }

    private Prepared preparePackage(Command command, PurchaseTarget.CreditPackage target, Instant now) {
        Optional<CreditPackage> creditPackage = catalog.creditPackage(target.packageId());
        if (creditPackage.isEmpty()) {
            return new Prepared(new Refused(Refusal.PACKAGE_NOT_FOUND, "No credit package " + target.packageId()));
        }
        Optional<Money> price = creditPackage.get().priceIn(target.currency());
        if (price.isEmpty()) {
            return new Prepared(new Refused(Refusal.PRICE_NOT_AVAILABLE,
                    "Package " + target.packageId() + " has no price in " + target.currency()));
        }
        String purchaseKey = "package:" + target.packageId() + ":" + target.currency().getCurrencyCode();
        CreditPackage item = creditPackage.get();
        Order order = Order.place(new OrderId(ids.next("ord")), command.user(),
                List.of(new OrderLine(item.id(), OrderLine.Kind.CREDIT_PACKAGE, item.name(), 1, price.get(),
                        item.credits())), now);
        Payment payment = newPayment(command, order, purchaseKey, now);
        Optional<Payment> open = store.payments().reuseOrInsertWithOrder(order, payment, now.minus(reuseWindow));
        if (open.isPresent()) {
            return new Prepared(new Started(open.get(), true));
        }
        return new Prepared(new Started(payment, false), order.description());
    }

    private Prepared prepareOrder(Command command, PurchaseTarget.ExistingOrder target, Instant now) {
        Optional<Order> found = store.orders().find(target.orderId());
        if (found.isEmpty()) {
            return new Prepared(new Refused(Refusal.ORDER_NOT_FOUND, "Order not found"));
        }
        Order order = found.get();
        if (!order.isBoughtBy(command.user())) {
            return new Prepared(new Refused(Refusal.NOT_YOUR_ORDER, "Not your order"));
        }
        if (order.fulfilment() == FulfilmentStatus.CANCELLED) {
            return new Prepared(new Refused(Refusal.ORDER_CANCELLED, "Order is cancelled"));
        }
        if (order.paymentStatus() != OrderPaymentStatus.PENDING) {
            return new Prepared(new Refused(Refusal.ORDER_ALREADY_PAID, "Order already paid"));
        }
        String purchaseKey = "order:" + order.id();
        Optional<Payment> open = reusable(command, purchaseKey, now);
        return open.map(payment -> new Prepared(new Started(payment, true)))
                .orElseGet(() -> newAttempt(command, order, purchaseKey, now));
    }

    private Optional<Payment> reusable(Command command, String purchaseKey, Instant now) {
        return store.payments().findRecent(command.user(), purchaseKey, command.provider(), now.minus(reuseWindow))
                .filter(Payment::isOpenForReuse);
    }

    private Prepared newAttempt(Command command, Order order, String purchaseKey, Instant now) {
        Payment payment = newPayment(command, order, purchaseKey, now);
        store.payments().insert(payment);
        return new Prepared(new Started(payment, false), order.description());
    }

    private Payment newPayment(Command command, Order order, String purchaseKey, Instant now) {
        return Payment.create(new PaymentId(ids.next("pay")), order.id(), command.user(), command.provider(),
                purchaseKey, order.total(), now);
    }

    private Result open(PaymentGateway gateway, Payment payment, String description) {
        CheckoutSession session;
        try {
            session = gateway.createCheckout(new CheckoutRequest(payment.id(), payment.orderId(), payment.user(),
                    payment.amount(), description, clock.instant().plus(checkoutTtl)));
        } catch (GatewayException e) {
            Atomically.run(store.unitOfWork(), () -> {
                Payment current = store.payments().find(payment.id()).orElseThrow();
                if (current.status() == PaymentStatus.CREATED) {
                    ConcurrentChangeException.requireUpdated(store.payments().update(current.moveTo(
                            PaymentStatus.FAILED, Optional.empty(), Optional.of("provider_unavailable"),
                            clock.instant())), "payment " + payment.id());
                }
                return null;
            });
            return new Refused(Refusal.PROVIDER_FAILED, "The payment provider is unavailable, please try again");
        }
        Map<String, String> checkout = new HashMap<>(session.checkoutData());
        session.qrPayload().ifPresent(payload -> qrCodes.ifPresent(qr -> checkout.put("qr_png", qr.pngDataUrl(payload))));
        // Usually nothing has touched the new payment since the first transaction: one compare-and-set on the
        // version it was created with. Otherwise read it again and open it only if it is still waiting.
        Payment first = payment.opened(session.providerRef(), checkout, clock.instant());
        if (store.payments().update(first)) {
            return new Started(first, false);
        }
        Payment opened = Atomically.run(store.unitOfWork(), () -> {
            Payment current = store.payments().find(payment.id()).orElseThrow();
            if (current.providerRef().isPresent() || current.status() != PaymentStatus.CREATED) {
                return current;
            }
            Payment updated = current.opened(session.providerRef(), checkout, clock.instant());
            ConcurrentChangeException.requireUpdated(store.payments().update(updated), "payment " + payment.id());
            return updated;
        });
        return new Started(opened, false);
    }

    /** Pay for {@code target} with {@code provider} on behalf of {@code user}. */
    public record Command(UserId user, PurchaseTarget target, String provider) {
        public Command {
            Require.nonNull(user, "user");
            Require.nonNull(target, "target");
            Require.token(provider, "provider", 32);
        }
    }

    public sealed interface Result {
    }

    /** The checkout is open; {@code payment.checkout()} holds what the page needs. */
    public record Started(Payment payment, boolean reused) implements Result {
    }

    public record Refused(Refusal reason, String message) implements Result {
    }

    public enum Refusal {
        PACKAGE_NOT_FOUND, PRICE_NOT_AVAILABLE, ORDER_NOT_FOUND, NOT_YOUR_ORDER, ORDER_ALREADY_PAID, ORDER_CANCELLED,
        PROVIDER_NOT_ENABLED, PROVIDER_FAILED
    }
}
