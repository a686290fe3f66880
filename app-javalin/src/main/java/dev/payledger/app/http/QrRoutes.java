package dev.payledger.app.http;

import dev.payledger.app.Backend;
import dev.payledger.core.payment.Payment;
import dev.payledger.razorpay.ZxingQrCodes;
import io.javalin.config.RoutesConfig;

import java.util.Map;

/**
 * {@code GET /api/payments/{id}/qr.png}: the UPI QR code of a payment's {@code upi_intent}, rendered when the page
 * asks for it rather than on every checkout (ZXing's encoder is the dearest part of a checkout's CPU). The
 * caller's own payment only, as for reading it; 404 when the payment has no UPI intent.
 */
final class QrRoutes {
    static final String UPI_INTENT = "upi_intent";
    private static final ZxingQrCodes QR_CODES = new ZxingQrCodes();
    private static final String CACHE_CONTROL = "private, max-age=" + Backend.CHECKOUT_TTL.toSeconds();

    private QrRoutes() {
    }

    static void install(RoutesConfig routes, Api api) {
        routes.get("/api/payments/{id}/qr.png", ctx -> {
            Payment payment = PaymentRoutes.owned(ctx, api);
            String intent = payment.checkout().get(UPI_INTENT);
            if (intent == null) {
                throw ApiException.notFound("qr_code_not_found", "This payment has no UPI QR code");
            }
            ctx.contentType("image/png").header("Cache-Control", CACHE_CONTROL).result(QR_CODES.png(intent));
        });
    }

    /** Where the page finds the payment's QR code, when it has a UPI intent. */
    static void link(Payment payment, Map<String, Object> checkout) {
        if (payment.checkout().containsKey(UPI_INTENT)) {
            checkout.put("qr_png_url", "/api/payments/" + payment.id().value() + "/qr.png");
        }
    }
}
