package dev.payledger.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import dev.payledger.core.payment.CheckoutRequest;
import dev.payledger.core.payment.CheckoutSession;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentGateway;
import dev.payledger.core.payment.ProviderPaymentState;
import dev.payledger.core.payment.RefundOutcome;
import dev.payledger.core.payment.RefundRequest;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe Checkout through stripe-java: opens a Checkout Session per payment (our payment id is the
 * {@code Idempotency-Key}), reads sessions back for reconciliation, expires them when the payer gives up, and
 * refunds through the session's payment intent (idempotent on our refund id). Thread-safe: the
 * {@link StripeClient} is.
 */
public final class StripeGateway implements PaymentGateway {
    private static final int MAX_REASON = 500;

    private final StripeClient client;
    private final StripeConfig config;
    private final Clock clock;

    public StripeGateway(StripeClient client, StripeConfig config, Clock clock) {
        this.client = client;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String provider() {
        return Stripe.NAME;
    }

    @Override
    public CheckoutSession createCheckout(CheckoutRequest request) {
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(request.paymentId().value()).build();
        try {
            Session session = client.v1().checkout().sessions()
                    .create(CheckoutParams.build(request, config, clock.instant()), options);
            if (session.getUrl() == null) {
                throw new StripeGatewayException("Stripe opened session " + session.getId() + " without a hosted URL",
                        false, null, null, null);
            }
            return new CheckoutSession(session.getId(), Map.of("url", session.getUrl()), Optional.empty());
        } catch (StripeException e) {
            throw StripeErrors.translate("open a Checkout Session", e);
        }
    }

    @Override
    public ProviderPaymentState fetch(Payment payment) {
        if (payment.providerRef().isEmpty()) {
            return new ProviderPaymentState.Pending("no Stripe Checkout Session was opened");
        }
        Session session = retrieve(payment.providerRef().get());
        switch (String.valueOf(session.getStatus())) {
            case "expired":
                return new ProviderPaymentState.Expired();
            case "open":
                return new ProviderPaymentState.Pending("the Checkout Session is open");
            case "complete":
                return completed(session);
            default:
                return new ProviderPaymentState.Pending("Checkout Session status " + session.getStatus());
        }
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        Optional<String> intent = paymentIntent(request.payment());
        if (intent.isEmpty()) {
            return new RefundOutcome.Failed("Stripe has no payment to refund for payment " + request.payment().id());
        }
        String reason = request.reason().length() <= MAX_REASON ? request.reason() : request.reason().substring(0, MAX_REASON);
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(intent.get())
                .setAmount(request.amount().minor())
                .putMetadata(StripeFacts.REFUND_ID, request.refundId().value())
                .putMetadata(StripeFacts.PAYMENT_ID, request.payment().id().value())
                .putMetadata("reason", reason.isBlank() ? "refund" : reason)
                .build();
        RequestOptions options = RequestOptions.builder().setIdempotencyKey("refund-" + request.refundId().value()).build();
        try {
            Refund refund = client.v1().refunds().create(params, options);
            return switch (String.valueOf(refund.getStatus())) {
                case "succeeded" -> new RefundOutcome.Succeeded(refund.getId());
                case "failed", "canceled" -> new RefundOutcome.Failed("Stripe refund " + refund.getId() + " "
                        + refund.getStatus() + (refund.getFailureReason() == null ? "" : ": " + refund.getFailureReason()));
                default -> new RefundOutcome.Pending(refund.getId());
            };
        } catch (InvalidRequestException | CardException e) {
            if (e.getStatusCode() != null && e.getStatusCode() == 404) {
                throw StripeErrors.translate("refund payment " + request.payment().id(), e);
            }
            return new RefundOutcome.Failed("Stripe refused the refund" + (e.getCode() == null ? "" : " [" + e.getCode()
                    + "]") + ": " + StripeErrors.stripeMessage(e));
        } catch (StripeException e) {
            throw StripeErrors.translate("refund payment " + request.payment().id(), e);
        }
    }

    /**
     * Expires the open session. A session already expired is fine; one already completed throws, because the
     * payer has paid (or a delayed payment is on its way) and the webhook will settle it.
     */
    @Override
    public void cancel(Payment payment) {
        if (payment.providerRef().isEmpty()) {
            return;
        }
        String id = payment.providerRef().get();
        try {
            client.v1().checkout().sessions().expire(id);
        } catch (InvalidRequestException e) {
            Session session = retrieve(id);
            if ("complete".equals(session.getStatus())) {
                throw new StripeGatewayException("Stripe Checkout Session " + id + " is already complete and cannot "
                        + "be cancelled", false, e.getStatusCode(), e.getCode(), e);
            }
            if (!"expired".equals(session.getStatus())) {
                throw StripeErrors.translate("expire Checkout Session " + id, e);
            }
        } catch (StripeException e) {
            throw StripeErrors.translate("expire Checkout Session " + id, e);
        }
    }

    private ProviderPaymentState completed(Session session) {
        if ("paid".equals(session.getPaymentStatus()) || "no_payment_required".equals(session.getPaymentStatus())) {
            return new ProviderPaymentState.Paid(StripeFacts.evidence(session));
        }
        if (session.getPaymentIntent() == null) {
            return new ProviderPaymentState.Pending("the Checkout Session is complete, awaiting payment");
        }
        PaymentIntent intent;
        try {
            intent = client.v1().paymentIntents().retrieve(session.getPaymentIntent());
        } catch (StripeException e) {
            throw StripeErrors.translate("read payment intent " + session.getPaymentIntent(), e);
        }
        return switch (String.valueOf(intent.getStatus())) {
            case "succeeded" -> new ProviderPaymentState.Paid(StripeFacts.evidence(session));
            case "requires_payment_method", "canceled" -> new ProviderPaymentState.Failed(
                    intent.getLastPaymentError() != null && intent.getLastPaymentError().getMessage() != null
                            ? intent.getLastPaymentError().getMessage() : "the delayed payment failed");
            default -> new ProviderPaymentState.Pending("the delayed payment is " + intent.getStatus());
        };
    }

    private Optional<String> paymentIntent(Payment payment) {
        Optional<String> known = payment.providerPaymentId().filter(id -> id.startsWith("pi_"));
        if (known.isPresent() || payment.providerRef().isEmpty()) {
            return known;
        }
        return Optional.ofNullable(retrieve(payment.providerRef().get()).getPaymentIntent());
    }

    private Session retrieve(String sessionId) {
        try {
            return client.v1().checkout().sessions().retrieve(sessionId);
        } catch (StripeException e) {
            throw StripeErrors.translate("read Checkout Session " + sessionId, e);
        }
    }
}
