package dev.payledger.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.core.money.Money;
import dev.payledger.core.payment.ClawbackPolicy;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.RefundPayment;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Optional;

/**
 * {@code POST /api/payments/{id}/refunds} (admin, {@code Idempotency-Key} required): {@code amount_minor}
 * (omit for everything refundable), {@code reason}, {@code force} (claw back spent credits anyway).
 */
final class RefundRoutes {
    private RefundRoutes() {
    }

    static void install(RoutesConfig routes, Api api) {
        routes.post("/api/payments/{id}/refunds", ctx -> {
            Caller caller = api.auth().admin(ctx);
            api.idempotency().respond(ctx, caller, true, () -> refund(ctx, api));
        });
    }

    private static Idempotency.Reply refund(Context ctx, Api api) {
        Payment payment = api.payLedger().readPayments().find(PaymentRoutes.paymentId(ctx))
                .orElseThrow(() -> ApiException.notFound("payment_not_found", "Payment not found"));
        JsonNode body = Json.object(ctx.body());
        Optional<Money> amount = body.hasNonNull("amount_minor")
                ? Optional.of(Money.ofMinor(payment.amount().currency(), body.get("amount_minor").asLong()))
                : Optional.empty();
        String reason = Json.optionalText(body, "reason").orElse("requested by an operator");
        ClawbackPolicy policy = body.path("force").asBoolean(false) ? ClawbackPolicy.FORCE : ClawbackPolicy.REFUSE;
        RefundPayment.Result result = api.payLedger().refundPayment()
                .refund(new RefundPayment.Command(payment.id(), amount, reason, policy));
        if (result instanceof RefundPayment.Refunded refunded) {
            return new Idempotency.Reply(201, Views.refund(refunded.refund()));
        }
        RefundPayment.Refused refused = (RefundPayment.Refused) result;
        switch (refused.reason()) {
            case PAYMENT_NOT_FOUND: throw ApiException.notFound("payment_not_found", refused.message());
            case NOT_REFUNDABLE: throw new ApiException(409, "payment_not_refundable", refused.message());
            case INVALID_AMOUNT: throw ApiException.badRequest("invalid_amount", refused.message());
            case AMOUNT_TOO_LARGE: throw ApiException.badRequest("amount_too_large", refused.message());
            case CREDITS_ALREADY_SPENT: throw new ApiException(409, "credits_already_spent", refused.message());
            case PROVIDER_FAILED:
                return new Idempotency.Reply(202, Json.map("status", "REQUESTED", "message", refused.message()));
            default: throw new ApiException(502, "refund_declined", refused.message());
        }
    }
}
