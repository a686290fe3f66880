package dev.payledger.core;

import dev.payledger.core.catalog.Catalog;
import dev.payledger.core.common.Ids;
import dev.payledger.core.common.RandomIds;
import dev.payledger.core.feature.UnlockFeature;
import dev.payledger.core.idempotency.IdempotentRequests;
import dev.payledger.core.ledger.VerifyLedger;
import dev.payledger.core.order.ManageOrder;
import dev.payledger.core.payment.CancelPayment;
import dev.payledger.core.payment.ConfirmClientPayment;
import dev.payledger.core.payment.HandleProviderEvent;
import dev.payledger.core.payment.InboxPolicy;
import dev.payledger.core.payment.PaymentProvider;
import dev.payledger.core.payment.ProcessInbox;
import dev.payledger.core.payment.Providers;
import dev.payledger.core.payment.ReadPaymentMetrics;
import dev.payledger.core.payment.ReadPayments;
import dev.payledger.core.payment.ReceiveWebhook;
import dev.payledger.core.payment.Reconcile;
import dev.payledger.core.payment.RefundPayment;
import dev.payledger.core.payment.RenderQrCode;
import dev.payledger.core.payment.SettlePayment;
import dev.payledger.core.payment.StartCheckout;
import dev.payledger.core.wallet.GrantCredits;
import dev.payledger.core.wallet.ReadWallet;
import dev.payledger.core.wallet.SpendCredits;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The entry point for embedders: every use case, wired from the ports you give the builder.
 * <pre>{@code
 * PayLedger payLedger = PayLedger.builder()
 *     .persistence(JdbcPersistence.create(dataSource))     // or InMemoryPersistence.create()
 *     .catalog(Catalog.defaultCatalog())
 *     .provider(Razorpay.provider(config))
 *     .build();
 * payLedger.startCheckout().start(command);
 * }</pre>
 * Immutable and thread-safe; build one per application.
 */
public final class PayLedger {
    private final Persistence persistence;
    private final Catalog catalog;
    private final Providers providers;
    private final StartCheckout startCheckout;
    private final SettlePayment settlePayment;
    private final HandleProviderEvent handleProviderEvent;
    private final ProcessInbox processInbox;
    private final ReceiveWebhook receiveWebhook;
    private final ConfirmClientPayment confirmClientPayment;
    private final CancelPayment cancelPayment;
    private final RefundPayment refundPayment;
    private final Reconcile reconcile;
    private final ReadPayments readPayments;
    private final ReadPaymentMetrics readPaymentMetrics;
    private final ManageOrder manageOrder;
    private final SpendCredits spendCredits;
    private final GrantCredits grantCredits;
    private final ReadWallet readWallet;
    private final UnlockFeature unlockFeature;
    private final IdempotentRequests idempotentRequests;
    private final VerifyLedger verifyLedger;
    private final InboxPolicy inboxPolicy;
    private final Clock clock;

    private PayLedger(Builder b) {
        this.persistence = Objects.requireNonNull(b.persistence, "persistence is required");
        this.catalog = b.catalog;
        this.providers = new Providers(b.providers);
        Persistence store = persistence;
        Clock clock = b.clock;
        this.clock = clock;
        this.inboxPolicy = b.inboxPolicy;
        this.settlePayment = new SettlePayment(store, clock);
        this.startCheckout = new StartCheckout(store, catalog, providers, b.qrCodes, b.ids, clock, b.reuseWindow,
                b.checkoutTtl);
        this.handleProviderEvent = new HandleProviderEvent(store, providers, settlePayment, clock);
        this.processInbox = new ProcessInbox(store, providers, handleProviderEvent, b.inboxPolicy, clock);
        this.receiveWebhook = new ReceiveWebhook(store, providers, processInbox, b.inboxPolicy, clock);
        this.confirmClientPayment = new ConfirmClientPayment(store, providers, settlePayment);
        this.cancelPayment = new CancelPayment(store, providers, clock);
        this.refundPayment = new RefundPayment(store, providers, b.ids, clock);
        this.reconcile = new Reconcile(store, providers, settlePayment, clock);
        this.readPayments = new ReadPayments(store);
        this.readPaymentMetrics = new ReadPaymentMetrics(store);
        this.manageOrder = new ManageOrder(store.unitOfWork(), store.orders(), catalog, b.ids, clock);
        this.spendCredits = new SpendCredits(store, clock);
        this.grantCredits = new GrantCredits(store, clock);
        this.readWallet = new ReadWallet(store);
        this.unlockFeature = new UnlockFeature(store, catalog, clock);
        this.idempotentRequests = new IdempotentRequests(store.unitOfWork(), store.idempotencyKeys(), clock,
                b.idempotencyStaleAfter);
        this.verifyLedger = new VerifyLedger(store.unitOfWork(), store.ledger());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Persistence persistence() {
        return persistence;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The clock every use case reads. */
    public Clock clock() {
        return clock;
    }

    /** How the webhook inbox retries and leases events. */
    public InboxPolicy inboxPolicy() {
        return inboxPolicy;
    }

    public Providers providers() {
        return providers;
    }

    public StartCheckout startCheckout() {
        return startCheckout;
    }

    public SettlePayment settlePayment() {
        return settlePayment;
    }

    public HandleProviderEvent handleProviderEvent() {
        return handleProviderEvent;
    }

    public ProcessInbox processInbox() {
        return processInbox;
    }

    public ReceiveWebhook receiveWebhook() {
        return receiveWebhook;
    }

    public ConfirmClientPayment confirmClientPayment() {
        return confirmClientPayment;
    }

    public CancelPayment cancelPayment() {
        return cancelPayment;
    }

    public RefundPayment refundPayment() {
        return refundPayment;
    }

    public Reconcile reconcile() {
        return reconcile;
    }

    public ReadPayments readPayments() {
        return readPayments;
    }

    public ReadPaymentMetrics readPaymentMetrics() {
        return readPaymentMetrics;
    }

    public ManageOrder manageOrder() {
        return manageOrder;
    }

    public SpendCredits spendCredits() {
        return spendCredits;
    }

    public GrantCredits grantCredits() {
        return grantCredits;
    }

    public ReadWallet readWallet() {
        return readWallet;
    }

    public UnlockFeature unlockFeature() {
        return unlockFeature;
    }

    public IdempotentRequests idempotentRequests() {
        return idempotentRequests;
    }

    public VerifyLedger verifyLedger() {
        return verifyLedger;
    }

    /** Collects the ports and settings; only {@link #persistence} is required. Not thread-safe. */
    public static final class Builder {
        private Persistence persistence;
        private Catalog catalog = Catalog.defaultCatalog();
        private final List<PaymentProvider> providers = new ArrayList<>();
        private Optional<RenderQrCode> qrCodes = Optional.empty();
        private Ids ids = new RandomIds();
        private Clock clock = Clock.systemUTC();
        private Duration reuseWindow = Duration.ofMinutes(10);
        private Duration checkoutTtl = Duration.ofMinutes(30);
        private Duration idempotencyStaleAfter = Duration.ofMinutes(5);
        private InboxPolicy inboxPolicy = InboxPolicy.defaults();

        private Builder() {
        }

        public Builder persistence(Persistence persistence) {
            this.persistence = persistence;
            return this;
        }

        public Builder catalog(Catalog catalog) {
            this.catalog = Objects.requireNonNull(catalog);
            return this;
        }

        public Builder provider(PaymentProvider provider) {
            this.providers.add(Objects.requireNonNull(provider));
            return this;
        }

        public Builder qrCodes(RenderQrCode qrCodes) {
            this.qrCodes = Optional.of(qrCodes);
            return this;
        }

        public Builder ids(Ids ids) {
            this.ids = Objects.requireNonNull(ids);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** How long an open checkout for the same purchase is reused instead of opening another (10 min). */
        public Builder reuseWindow(Duration reuseWindow) {
            this.reuseWindow = Objects.requireNonNull(reuseWindow);
            return this;
        }

        /** How long a checkout stays payable at the provider (30 min). */
        public Builder checkoutTtl(Duration checkoutTtl) {
            this.checkoutTtl = Objects.requireNonNull(checkoutTtl);
            return this;
        }

        public Builder idempotencyStaleAfter(Duration staleAfter) {
            this.idempotencyStaleAfter = Objects.requireNonNull(staleAfter);
            return this;
        }

        public Builder inboxPolicy(InboxPolicy inboxPolicy) {
            this.inboxPolicy = Objects.requireNonNull(inboxPolicy);
            return this;
        }

        public PayLedger build() {
            return new PayLedger(this);
        }
    }
}
