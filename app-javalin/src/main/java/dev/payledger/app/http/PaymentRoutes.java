package dev.payledger.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.core.payment.CancelPayment;
import dev.payledger.core.payment.ConfirmClientPayment;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentId;
import dev.payledger.core.payment.SettlePayment;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.HashMap;
import java.util.Map;

/** Payments: read and list one's own, verify a Razorpay callback, cancel a dismissed checkout, show the UPI QR. */
final class PaymentRoutes {
    private PaymentRoutes() {
    }

    static void install(RoutesConfig routes, Api api) {
        routes.get("/api/payments", ctx -> ctx.json(Map.of("payments", api.payLedger().readPayments()
                .list(api.auth().caller(ctx).user(), OrderRoutes.limit(ctx)).stream().map(Views::payment).toList())));
        routes.get("/api/payments/{id}", ctx -> {
            Payment payment = owned(ctx, api);
            Map<String, Object> view = Views.payment(payment);
            view.put("refunds", api.payLedger().readPayments().refunds(payment.id()).stream().map(Views::refund).toList());
            ctx.json(view);
        });
        routes.post("/api/payments/{id}/verify", ctx -> verify(ctx, api));
        routes.post("/api/payments/{id}/cancel", ctx -> {
            Caller caller = api.auth().caller(ctx);
            CancelPayment.Result result = api.payLedger().cancelPayment().cancel(caller.user(), paymentId(ctx));
            if (result instanceof CancelPayment.Cancelled cancelled) {
                ctx.json(Views.payment(cancelled.payment()));
                return;
            }
            CancelPayment.Refused refused = (CancelPayment.Refused) result;
            switch (refused.reason()) {
                case PAYMENT_NOT_FOUND: throw ApiException.notFound("payment_not_found", refused.message());
                case NOT_YOUR_PAYMENT: throw ApiException.forbidden("not_your_payment", refused.message());
                default: throw new ApiException(409, "payment_not_open", refused.message());
            }
        });
        RefundRoutes.install(routes, api);
        QrRoutes.install(routes, api);
    }

    private static void verify(Context ctx, Api api) {
        Caller caller = api.auth().caller(ctx);
        JsonNode body = Json.object(ctx.body());
        Map<String, String> callback = new HashMap<>();
        body.fields().forEachRemaining(field -> callback.put(field.getKey(), field.getValue().asText()));
        ConfirmClientPayment.Result result = api.payLedger().confirmClientPayment()
                .confirm(new ConfirmClientPayment.Command(caller.user(), paymentId(ctx), callback));
        if (result instanceof ConfirmClientPayment.Confirmed confirmed) {
            settled(ctx, confirmed.settlement());
            return;
        }
        ConfirmClientPayment.Refused refused = (ConfirmClientPayment.Refused) result;
        switch (refused.reason()) {
            case PAYMENT_NOT_FOUND: throw ApiException.notFound("payment_not_found", refused.message());
            case NOT_YOUR_PAYMENT: throw ApiException.forbidden("not_your_payment", refused.message());
            case INVALID_CALLBACK: throw ApiException.badRequest("invalid_signature", refused.message());
            case NOT_CAPTURED: throw ApiException.badRequest("payment_not_captured", refused.message());
            case UNSUPPORTED: throw ApiException.badRequest("verify_not_supported", refused.message());
            default: throw new ApiException(502, "provider_unavailable", refused.message());
        }
    }

    private static void settled(Context ctx, SettlePayment.Result settlement) {
        if (settlement instanceof SettlePayment.Settled settled) {
            Map<String, Object> view = Views.payment(settled.payment());
            view.put("credits", settled.credits());
            view.put("already_verified", false);
            ctx.json(view);
        } else if (settlement instanceof SettlePayment.AlreadySettled already) {
            Map<String, Object> view = Views.payment(already.payment());
            view.put("already_verified", true);
            ctx.json(view);
        } else if (settlement instanceof SettlePayment.NeedsReview review) {
            throw new ApiException(409, "payment_needs_review", "The payment does not match the order and is held "
                    + "for review");
        } else {
            throw ApiException.notFound("payment_not_found", "Payment not found");
        }
    }

    /** The payment in the path, if the caller made it (or is an admin). */
    static Payment owned(Context ctx, Api api) {
        Caller caller = api.auth().caller(ctx);
        Payment payment = api.payLedger().readPayments().find(paymentId(ctx))
                .orElseThrow(() -> ApiException.notFound("payment_not_found", "Payment not found"));
        if (!payment.belongsTo(caller.user()) && !caller.admin()) {
            throw ApiException.forbidden("not_your_payment", "Not your payment");
        }
        return payment;
    }

    static PaymentId paymentId(Context ctx) {
        return new PaymentId(ctx.pathParam("id"));
    }
}
