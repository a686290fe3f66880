package dev.payledger.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;
import java.util.Optional;

/**
 * The legacy Coinbase Commerce charges API as a {@link PaymentGateway} ({@code X-CC-Api-Key},
 * {@code X-CC-Version: 2018-03-22}): create a fixed-price charge, fetch it (its timeline), cancel it while NEW.
 * Commerce has no refund API, so refunds are refused and done in the dashboard. Thread-safe; calls may throw
 * {@link CoinbaseException}.
 */
public final class CommerceGateway implements PaymentGateway {
    static final String API_VERSION = "2018-03-22";

    private final CoinbaseConfig config;
    private final CoinbaseHttp http;
    private final URI charges;

    public CommerceGateway(CoinbaseConfig config) {
        if (config.variant() != CoinbaseConfig.Variant.COMMERCE) {
            throw new IllegalArgumentException("CommerceGateway speaks the legacy Commerce API; use Coinbase.provider(config)");
        }
        this.config = config;
        this.http = new CoinbaseHttp(config, (request, method, uri) -> request
                .header("X-CC-Api-Key", config.apiSecret()).header("X-CC-Version", API_VERSION));
        String base = config.baseUrl().toString();
        this.charges = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/charges");
    }

    @Override
    public String provider() {
        return Coinbase.PROVIDER;
    }

    @Override
    public CheckoutSession createCheckout(CheckoutRequest request) {
        ObjectNode body = CoinbaseHttp.JSON.createObjectNode();
        String name = request.description().length() > 100 ? request.description().substring(0, 100) : request.description();
        body.put("name", name);
        body.put("description", request.description().length() > 200 ? request.description().substring(0, 200)
                : request.description());
        body.put("pricing_type", "fixed_price");
        body.putObject("local_price").put("amount", Amounts.decimal(request.amount()))
                .put("currency", request.amount().currencyCode());
        ObjectNode metadata = body.putObject("metadata");
        metadata.put(CommerceCharges.PAYMENT_ID, request.paymentId().value());
        metadata.put(CommerceCharges.ORDER_ID, request.orderId().value());
        metadata.put(CommerceCharges.USER_ID, request.user().value());
        config.successRedirectUrl().ifPresent(url -> body.put("redirect_url", url));
        config.failRedirectUrl().ifPresent(url -> body.put("cancel_url", url));
        JsonNode charge = http.send("POST", charges, body, Map.of()).path("data");
        return new CheckoutSession(Checkouts.required(charge, "code"),
                Map.of("url", Checkouts.required(charge, "hosted_url")), Optional.empty());
    }

    @Override
    public ProviderPaymentState fetch(Payment payment) {
        if (payment.providerRef().isEmpty()) {
            return new ProviderPaymentState.Pending("no Coinbase charge was created for this payment");
        }
        JsonNode charge = http.send("GET", item(payment.providerRef().get(), ""), null, Map.of()).path("data");
        try {
            return CommerceCharges.state(charge);
        } catch (IllegalArgumentException e) {
            throw CoinbaseException.of("Coinbase's charge " + payment.providerRef().get() + " cannot be read: "
                    + e.getMessage(), false);
        }
    }

    /** Cancels the charge (Commerce allows it only while it is NEW; a later state is left alone). */
    @Override
    public void cancel(Payment payment) {
        payment.providerRef().ifPresent(code -> {
            try {
                http.send("POST", item(code, "/cancel"), null, Map.of());
            } catch (CoinbaseException e) {
                if (e.retryable() || e.status() == 401 || e.status() == 403) {
                    throw e;
                }
            }
        });
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        return new RefundOutcome.Failed("Coinbase Commerce has no refund API; refund from the Coinbase dashboard");
    }

    private URI item(String code, String suffix) {
        return URI.create(charges + "/" + URLEncoder.encode(code, StandardCharsets.UTF_8) + suffix);
    }
}
