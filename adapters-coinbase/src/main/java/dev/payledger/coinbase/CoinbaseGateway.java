package dev.payledger.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.core.money.Money;
import dev.payledger.core.payment.CheckoutRequest;
import dev.payledger.core.payment.CheckoutSession;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentGateway;
import dev.payledger.core.payment.ProviderPaymentState;
import dev.payledger.core.payment.RefundOutcome;
import dev.payledger.core.payment.RefundRequest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Coinbase Business checkouts (or payment links) as a {@link PaymentGateway}: create with our payment id as the
 * idempotency key, fetch for reconciliation, deactivate on cancel, refund (checkouts only). Each request carries a
 * fresh CDP JWT. Thread-safe; every call may throw {@link CoinbaseException}.
 */
public final class CoinbaseGateway implements PaymentGateway {
    private static final int MAX_DESCRIPTION = 500;

    private final CoinbaseConfig config;
    private final CoinbaseHttp http;
    private final URI resources;

    /** Signs requests with the system clock. */
    public CoinbaseGateway(CoinbaseConfig config) {
        this(config, Clock.systemUTC());
    }

    public CoinbaseGateway(CoinbaseConfig config, Clock clock) {
        if (config.variant() != CoinbaseConfig.Variant.BUSINESS) {
            throw new IllegalArgumentException("CoinbaseGateway speaks Coinbase Business; use Coinbase.provider(config)");
        }
        this.config = config;
        CdpJwt jwt = new CdpJwt(config.apiKeyId(), CdpKey.parse(config.apiSecret()), clock);
        this.http = new CoinbaseHttp(config, (request, method, uri) ->
                request.header("Authorization", "Bearer " + jwt.forRequest(method, uri)));
        String base = config.baseUrl().toString();
        this.resources = URI.create((base.endsWith("/") ? base : base + "/") + config.resourcePath());
    }

    @Override
    public String provider() {
        return Coinbase.PROVIDER;
    }

    @Override
    public CheckoutSession createCheckout(CheckoutRequest request) {
        Money amount = request.amount();
        if (!Amounts.fits(config.currency(), amount.currency())) {
            throw CoinbaseException.of("Coinbase is configured to charge " + config.currency() + "; it cannot charge "
                    + amount.currencyCode(), false);
        }
        ObjectNode body = CoinbaseHttp.JSON.createObjectNode();
        body.put("amount", Amounts.decimal(amount));
        body.put("currency", config.currency());
        String description = request.description();
        body.put("description", description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION) : description);
        body.put("expiresAt", request.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode metadata = body.putObject("metadata");
        metadata.put(Checkouts.PAYMENT_ID, request.paymentId().value());
        metadata.put(Checkouts.ORDER_ID, request.orderId().value());
        metadata.put(Checkouts.USER_ID, request.user().value());
        config.successRedirectUrl().ifPresent(url -> body.put("successRedirectUrl", url));
        config.failRedirectUrl().ifPresent(url -> body.put("failRedirectUrl", url));
        JsonNode created = http.send("POST", resources, body,
                Map.of("X-Idempotency-Key", idempotencyKey("checkout", request.paymentId().value())));
        String id = Checkouts.required(created, "id");
        return new CheckoutSession(id, Map.of("url", Checkouts.required(created, "url")), Optional.empty());
    }

    @Override
    public ProviderPaymentState fetch(Payment payment) {
        if (payment.providerRef().isEmpty()) {
            return new ProviderPaymentState.Pending("no Coinbase checkout was opened for this payment");
        }
        JsonNode resource = http.send("GET", item(payment.providerRef().get(), ""), null, Map.of());
        try {
            return Checkouts.state(resource);
        } catch (IllegalArgumentException e) {
            throw CoinbaseException.of("Coinbase's checkout " + payment.providerRef().get() + " cannot be read: "
                    + e.getMessage(), false);
        }
    }

    /**
     * Deactivates the checkout so it can no longer be paid. A checkout that is no longer active (paid, expired) is
     * left alone; transport errors, 5xx and refused credentials throw.
     */
    @Override
    public void cancel(Payment payment) {
        payment.providerRef().ifPresent(id -> {
            try {
                http.send("POST", item(id, "/deactivate"), null, Map.of());
            } catch (CoinbaseException e) {
                if (e.retryable() || e.status() == 401 || e.status() == 403) {
                    throw e;
                }
            }
        });
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        if (!"checkouts".equals(config.resourcePath())) {
            return new RefundOutcome.Failed("Coinbase payment links cannot be refunded through the API; "
                    + "refund from the Coinbase Business dashboard");
        }
        String checkoutId = request.payment().providerRef()
                .orElseThrow(() -> new IllegalArgumentException("Payment " + request.payment().id() + " has no checkout"));
        ObjectNode body = CoinbaseHttp.JSON.createObjectNode();
        body.put("amount", Amounts.decimal(request.amount()));
        body.put("currency", "USDC".equals(config.currency()) ? "USDC" : request.amount().currencyCode());
        body.put("reason", request.reason().length() > MAX_DESCRIPTION ? request.reason().substring(0, MAX_DESCRIPTION)
                : request.reason());
        JsonNode answer;
        try {
            answer = http.send("POST", item(checkoutId, "/refund"), body,
                    Map.of("X-Idempotency-Key", idempotencyKey("refund", request.refundId().value())));
        } catch (CoinbaseException e) {
            if (!e.retryable() && e.status() >= 400 && e.status() < 500 && e.status() != 401 && e.status() != 403) {
                return new RefundOutcome.Failed(e.getMessage());
            }
            throw e;
        }
        JsonNode refund = answer.path("refund");
        String refundId = Checkouts.required(refund, "id");
        return switch (refund.path("status").asText("")) {
            case "COMPLETED" -> new RefundOutcome.Succeeded(refundId);
            case "FAILED" -> new RefundOutcome.Failed(refund.path("reason").asText("Coinbase reports the refund failed"));
            default -> new RefundOutcome.Pending(refundId);
        };
    }

    /**
     * Coinbase wants a UUID as {@code X-Idempotency-Key}; ours are payment and refund ids, so we send a name-based
     * (version 3) UUID of them: the same id always gives the same key, different ids different keys.
     */
    static String idempotencyKey(String kind, String id) {
        return UUID.nameUUIDFromBytes(("payledger:coinbase:" + kind + ":" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private URI item(String id, String suffix) {
        return URI.create(resources + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + suffix);
    }
}
