package dev.payledger.stripe;

import com.stripe.param.checkout.SessionCreateParams;
import dev.payledger.core.payment.CheckoutRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the Checkout Session for a {@link CheckoutRequest}: one line with {@code price_data} in minor units,
 * our ids as client reference and metadata (on the session and on its payment intent), the configured URLs
 * with {@code {PAYMENT_ID}} filled in, and {@code expires_at} kept inside Stripe's 30 minutes to 24 hours.
 */
final class CheckoutParams {
    /** Stripe's limits with a minute's margin for clock skew between us and Stripe. */
    static final Duration MIN_EXPIRY = Duration.ofMinutes(31);
    static final Duration MAX_EXPIRY = Duration.ofHours(24).minusMinutes(1);
    private static final int MAX_NAME = 250;

    private CheckoutParams() {
    }

    static SessionCreateParams build(CheckoutRequest request, StripeConfig config, Instant now) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("payment_id", request.paymentId().value());
        ids.put("order_id", request.orderId().value());
        ids.put("user_id", request.user().value());
        SessionCreateParams.LineItem line = SessionCreateParams.LineItem.builder()
                .setQuantity(1L)
                .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                        .setCurrency(request.amount().currencyCode().toLowerCase(Locale.ROOT))
                        .setUnitAmount(request.amount().minor())
                        .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                .setName(name(request)).build())
                        .build())
                .build();
        return SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(line)
                .setClientReferenceId(request.paymentId().value())
                .putAllMetadata(ids)
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder().putAllMetadata(ids).build())
                .setSuccessUrl(url(config.successUrl(), request))
                .setCancelUrl(url(config.cancelUrl(), request))
                .setExpiresAt(expiresAt(request.expiresAt(), now))
                .build();
    }

    /** {@code expiresAt} moved into Stripe's window of 30 minutes to 24 hours from now. */
    static long expiresAt(Instant wanted, Instant now) {
        Instant earliest = now.plus(MIN_EXPIRY);
        Instant latest = now.plus(MAX_EXPIRY);
        Instant clamped = wanted.isBefore(earliest) ? earliest : wanted.isAfter(latest) ? latest : wanted;
        return clamped.getEpochSecond();
    }

    static String url(String template, CheckoutRequest request) {
        return template.replace("{PAYMENT_ID}", URLEncoder.encode(request.paymentId().value(), StandardCharsets.UTF_8));
    }

    private static String name(CheckoutRequest request) {
        String name = request.description().isBlank() ? "Order " + request.orderId().value() : request.description().strip();
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }
}
