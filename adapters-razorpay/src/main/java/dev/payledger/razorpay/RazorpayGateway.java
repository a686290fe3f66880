package dev.payledger.razorpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.core.payment.CheckoutRequest;
import dev.payledger.core.payment.CheckoutSession;
import dev.payledger.core.payment.ClientConfirmation;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentGateway;
import dev.payledger.core.payment.PaymentReference;
import dev.payledger.core.payment.ProviderPaymentState;
import dev.payledger.core.payment.RefundOutcome;
import dev.payledger.core.payment.RefundRequest;
import dev.payledger.core.payment.SettlementEvidence;

import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Razorpay as a {@link PaymentGateway}: one Razorpay order per payment attempt (receipt = our payment id),
 * Standard Checkout callbacks checked by signature and then by asking Razorpay, capture when the account does
 * not auto-capture, and refunds keyed by {@code X-Refund-Idempotency}. Thread-safe.
 */
public final class RazorpayGateway implements PaymentGateway {
    private final RazorpayConfig config;
    private final RazorpayHttp http;
    private final CheckoutPage page;

    public RazorpayGateway(RazorpayConfig config) {
        this.config = config;
        this.http = new RazorpayHttp(config);
        this.page = new CheckoutPage(config);
    }

    @Override
    public String provider() {
        return Razorpay.PROVIDER;
    }

    /**
     * Creates the Razorpay order, receipt = our payment id: one {@code POST /v1/orders} on the happy path. When
     * that POST's outcome is unknown ({@link RazorpayException#retryable()}: a lost connection, 5xx, 409, 429), the
     * order is looked up by its receipt and the POST is tried once more only if none is there; if the look-up
     * fails too, that failure is thrown. A POST that got no answer within the request timeout fails the checkout
     * at once (no look-up, no second POST), so a hanging Razorpay costs the buyer one timeout, not three. Razorpay orders take no idempotency key, so two cases are out of reach: a
     * timed-out POST that Razorpay finishes after the look-up, and a second call for a payment id that already
     * has an order (it makes another; core opens each payment id once).
     */
    @Override
    public CheckoutSession createCheckout(CheckoutRequest request) {
        return page.session(request, order(request).path("id").asText());
    }

    @Override
    public ProviderPaymentState fetch(Payment payment) {
        if (payment.providerRef().isEmpty()) {
            return new ProviderPaymentState.Pending("no Razorpay order yet");
        }
        String orderId = payment.providerRef().get();
        JsonNode collection = http.get("/v1/orders/" + RazorpayHttp.id(orderId) + "/payments");
        List<JsonNode> items = new ArrayList<>();
        collection.path("items").forEach(items::add);
        return PaymentFacts.state(items, PaymentReference.of(orderId, payment.id(), null));
    }

    @Override
    public ClientConfirmation confirmClient(Payment payment, Map<String, String> callback) {
        String orderId = callback.get("razorpay_order_id");
        String paymentId = callback.get("razorpay_payment_id");
        String signature = callback.get("razorpay_signature");
        if (isBlank(orderId) || isBlank(paymentId) || isBlank(signature)) {
            return new ClientConfirmation.Rejected("missing_field",
                    "The callback needs razorpay_order_id, razorpay_payment_id and razorpay_signature");
        }
        if (!Signatures.matches(Signatures.payment(orderId, paymentId, config.keySecret()), signature)) {
            return new ClientConfirmation.Rejected("invalid_signature", "The callback signature does not match");
        }
        if (payment.providerRef().isEmpty() || !payment.providerRef().get().equals(orderId)) {
            return new ClientConfirmation.Rejected("order_mismatch", "The callback is for another Razorpay order");
        }
        JsonNode razorpayPayment;
        try {
            razorpayPayment = http.get("/v1/payments/" + RazorpayHttp.id(paymentId));
        } catch (IllegalArgumentException e) {
            return new ClientConfirmation.Rejected("invalid_payment_id", "The callback's payment id is not a Razorpay id");
        }
        if (!orderId.equals(RazorpayHttp.text(razorpayPayment, "order_id"))) {
            return new ClientConfirmation.Rejected("payment_mismatch", "Razorpay says that payment is for another order");
        }
        return new ClientConfirmation.Verified(PaymentFacts.state(razorpayPayment,
                PaymentReference.of(orderId, payment.id(), paymentId)));
    }

    /** Captures the authorized amount unless the account auto-captures; a refused capture reports the payment as it is. */
    @Override
    public ProviderPaymentState capture(Payment payment, SettlementEvidence authorized) {
        if (config.autoCapture()) {
            return fetch(payment);
        }
        ObjectNode body = RazorpayHttp.JSON.createObjectNode();
        body.put("amount", authorized.amount().minor());
        body.put("currency", authorized.amount().currencyCode());
        try {
            JsonNode captured = http.post("/v1/payments/" + RazorpayHttp.id(authorized.providerPaymentId()) + "/capture",
                    body, Map.of());
            return PaymentFacts.state(captured, authorized.reference());
        } catch (RazorpayException e) {
            if (e.retryable() || e.httpStatus() != 400) {
                throw e;
            }
            return fetch(payment);
        }
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        Optional<String> paymentId = request.payment().providerPaymentId();
        if (paymentId.isEmpty()) {
            return new RefundOutcome.Failed("The payment has no Razorpay payment id to refund");
        }
        ObjectNode notes = RazorpayHttp.JSON.createObjectNode();
        notes.put(PaymentFacts.NOTE_REFUND, request.refundId().value());
        notes.put(PaymentFacts.NOTE_PAYMENT, request.payment().id().value());
        notes.put("reason", request.reason().length() > 256 ? request.reason().substring(0, 256) : request.reason());
        ObjectNode body = RazorpayHttp.JSON.createObjectNode();
        body.put("amount", request.amount().minor());
        body.put("speed", "normal");
        body.put("receipt", request.refundId().value());
        body.set("notes", notes);
        JsonNode refund;
        try {
            refund = http.post("/v1/payments/" + RazorpayHttp.id(paymentId.get()) + "/refund", body,
                    Map.of("X-Refund-Idempotency", RefundKeys.idempotencyKey(request.refundId())));
        } catch (RazorpayException e) {
            if (e.retryable() || e.httpStatus() != 400) {
                throw e;
            }
            return new RefundOutcome.Failed(e.getMessage());
        }
        String refundId = PaymentFacts.required(refund, "id");
        return switch (refund.path("status").asText()) {
            case "processed" -> new RefundOutcome.Succeeded(refundId);
            case "failed" -> new RefundOutcome.Failed("Razorpay marked refund " + refundId + " failed");
            default -> new RefundOutcome.Pending(refundId);
        };
    }

    private JsonNode order(CheckoutRequest request) {
        try {
            return createOrder(request);
        } catch (RazorpayException unknown) {
            if (!unknown.retryable() || unknown.getCause() instanceof HttpTimeoutException) {
                // refused: nothing was made; no answer in time: a hanging Razorpay would keep the buyer waiting
                // through a look-up and a second POST too, so the checkout fails now (an order made late carries a
                // payment id core has marked failed, and nobody is shown it)
                throw unknown;
            }
            Optional<JsonNode> made;
            try {
                made = existingOrder(request);
            } catch (RazorpayException lookUpFailed) {
                lookUpFailed.addSuppressed(unknown);
                throw lookUpFailed;
            }
            return made.orElseGet(() -> createOrder(request));
        }
    }

    private Optional<JsonNode> existingOrder(CheckoutRequest request) {
        JsonNode found = http.get("/v1/orders?receipt=" + RazorpayHttp.query(request.paymentId().value()));
        for (JsonNode order : found.path("items")) {
            if (order.path("amount").asLong() == request.amount().minor()
                    && request.amount().currencyCode().equals(order.path("currency").asText())) {
                return Optional.of(order);
            }
        }
        return Optional.empty();
    }

    private JsonNode createOrder(CheckoutRequest request) {
        ObjectNode notes = RazorpayHttp.JSON.createObjectNode();
        notes.put(PaymentFacts.NOTE_PAYMENT, request.paymentId().value());
        notes.put(PaymentFacts.NOTE_ORDER, request.orderId().value());
        notes.put(PaymentFacts.NOTE_USER, request.user().value());
        ObjectNode body = RazorpayHttp.JSON.createObjectNode();
        body.put("amount", request.amount().minor());
        body.put("currency", request.amount().currencyCode());
        body.put("receipt", request.paymentId().value());
        body.set("notes", notes);
        JsonNode order = http.post("/v1/orders", body, Map.of());
        PaymentFacts.required(order, "id");
        return order;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
