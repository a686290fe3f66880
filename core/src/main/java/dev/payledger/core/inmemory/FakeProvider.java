package dev.payledger.core.inmemory;

import dev.payledger.core.payment.CheckoutRequest;
import dev.payledger.core.payment.CheckoutSession;
import dev.payledger.core.payment.ClientConfirmation;
import dev.payledger.core.payment.GatewayException;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentGateway;
import dev.payledger.core.payment.PaymentProvider;
import dev.payledger.core.payment.ProviderEvent;
import dev.payledger.core.payment.ProviderEventVerifier;
import dev.payledger.core.payment.ProviderPaymentState;
import dev.payledger.core.payment.ReconcilePolicy;
import dev.payledger.core.payment.RefundOutcome;
import dev.payledger.core.payment.RefundRequest;
import dev.payledger.core.payment.Verification;
import dev.payledger.core.payment.WebhookRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable provider for tests and prototypes: its gateway opens checkouts {@code <name>_ref_N}, answers
 * {@code fetch} and client callbacks with what the test scripted, and can be told to fail; its verifier
 * accepts webhooks made by {@link #webhook(ProviderEvent, Instant)} (header {@code x-fake-signature: valid},
 * the body names the event) and rejects everything else. Thread-safe.
 */
public final class FakeProvider {
    public static final String SIGNATURE_HEADER = "x-fake-signature";

    private final String name;
    private final AtomicInteger refs = new AtomicInteger();
    private final Map<String, ProviderPaymentState> states = new ConcurrentHashMap<>();
    private final Map<String, ProviderEvent> events = new ConcurrentHashMap<>();
    private final List<CheckoutRequest> checkouts = new CopyOnWriteArrayList<>();
    private final List<RefundRequest> refunds = new CopyOnWriteArrayList<>();
    private final List<String> cancelled = new CopyOnWriteArrayList<>();
    private volatile Optional<GatewayException> failure = Optional.empty();
    private volatile RefundOutcome refundOutcome = new RefundOutcome.Succeeded("rfnd_fake");
    private volatile ClientConfirmation confirmation = new ClientConfirmation.Unsupported();

    public FakeProvider(String name) {
        this.name = name;
    }

    public PaymentProvider paymentProvider() {
        return new PaymentProvider(name, new Gateway(), new Verifier(), ReconcilePolicy.cards());
    }

    /** Every gateway call throws this until {@link #recover()}. */
    public void failWith(GatewayException exception) {
        failure = Optional.of(exception);
    }

    public void failRetryably() {
        failWith(new GatewayException(name, name + " is unavailable", true));
    }

    public void recover() {
        failure = Optional.empty();
    }

    /** What {@code fetch} answers for the provider reference. */
    public void script(String providerRef, ProviderPaymentState state) {
        states.put(providerRef, state);
    }

    public void scriptRefunds(RefundOutcome outcome) {
        refundOutcome = outcome;
    }

    public void scriptConfirmation(ClientConfirmation confirmation) {
        this.confirmation = confirmation;
    }

    /** A webhook for the event that this provider's verifier accepts. */
    public WebhookRequest webhook(ProviderEvent event, Instant now) {
        events.put(event.eventId(), event);
        return new WebhookRequest(Map.of(SIGNATURE_HEADER, "valid"), event.eventId().getBytes(StandardCharsets.UTF_8), now);
    }

    public List<CheckoutRequest> checkouts() {
        return List.copyOf(checkouts);
    }

    public List<RefundRequest> refunds() {
        return List.copyOf(refunds);
    }

    public List<String> cancelled() {
        return List.copyOf(cancelled);
    }

    private void maybeFail() {
        failure.ifPresent(e -> {
            throw e;
        });
    }

    private final class Gateway implements PaymentGateway {
        @Override
        public String provider() {
            return name;
        }

        @Override
        public CheckoutSession createCheckout(CheckoutRequest request) {
            maybeFail();
            checkouts.add(request);
            String ref = name + "_ref_" + refs.incrementAndGet();
            return new CheckoutSession(ref, Map.of("url", "https://" + name + ".example/pay/" + ref), Optional.empty());
        }

        @Override
        public ProviderPaymentState fetch(Payment payment) {
            maybeFail();
            return states.getOrDefault(payment.providerRef().orElse(""), new ProviderPaymentState.Pending("scripted"));
        }

        @Override
        public ClientConfirmation confirmClient(Payment payment, Map<String, String> callback) {
            maybeFail();
            return confirmation;
        }

        @Override
        public RefundOutcome refund(RefundRequest request) {
            maybeFail();
            refunds.add(request);
            return refundOutcome;
        }

        @Override
        public void cancel(Payment payment) {
            maybeFail();
            cancelled.add(payment.providerRef().orElse(payment.id().value()));
        }
    }

    private final class Verifier implements ProviderEventVerifier {
        @Override
        public String provider() {
            return name;
        }

        @Override
        public Verification verify(WebhookRequest request) {
            Optional<String> signature = request.header(SIGNATURE_HEADER);
            if (signature.isEmpty()) {
                return new Verification.Rejected(Verification.Reason.MISSING_SIGNATURE, "Missing signature");
            }
            if (!signature.get().equals("valid")) {
                return new Verification.Rejected(Verification.Reason.INVALID_SIGNATURE, "Invalid signature");
            }
            ProviderEvent event = events.get(new String(request.body(), StandardCharsets.UTF_8));
            return event == null
                    ? new Verification.Rejected(Verification.Reason.MALFORMED, "Unknown event body")
                    : new Verification.Verified(event);
        }

        @Override
        public ProviderEvent read(String eventId, byte[] verifiedBody) {
            ProviderEvent event = events.get(new String(verifiedBody, StandardCharsets.UTF_8));
            if (event == null) {
                throw new IllegalArgumentException("Unknown event body");
            }
            return event;
        }
    }
}
