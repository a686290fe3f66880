package dev.payledger.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.core.money.Money;
import dev.payledger.core.payment.ClawbackPolicy;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.RefundPayment;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/payments/{id}/refunds} (admin, {@code Idempotency-Key} required): {@code amount_minor}
 * (a JSON integer; omit it for everything refundable), {@code reason}, {@code force} (a JSON boolean: claw back
 * spent credits anyway). The body is strict: any other field is 400 {@code unknown_field}, a value of the wrong
 * type ({@code "500"}, {@code 12.7}, {@code "yes"}) is 400 {@code invalid_request}, both before anything is read or
 * changed, so a typo such as {@code amount} can never turn into a full refund. Those 400s come before the
 * {@code Idempotency-Key} is taken and are not stored under it: the corrected body may be sent with the same key.
 */
final class RefundRoutes {
    private static final Set<String> FIELDS = Set.of("amount_minor", "reason", "force");

    private RefundRoutes() {
    }

    static void install(RoutesConfig routes, Api api) {
        routes.post("/api/payments/{id}/refunds", ctx -> {
            Caller caller = api.auth().admin(ctx);
            // read before the key is taken: a 400 here stores nothing, so the corrected body may reuse the key
            RefundRequest request = RefundRequest.read(ctx.body());
            api.idempotency().respond(ctx, caller, true, () -> refund(ctx, api, request));
        });
    }

    /** The body, read and checked before anything is looked up or stored. */
    private record RefundRequest(Optional<Long> amountMinor, String reason, ClawbackPolicy policy) {
        static RefundRequest read(String text) {
            JsonNode body = Json.object(text);
            Json.onlyFields(body, FIELDS);
            Optional<Long> amountMinor = Json.optionalWholeNumber(body, "amount_minor");
            if (amountMinor.isPresent() && amountMinor.get() <= 0) {
                throw ApiException.badRequest("invalid_amount", "amount_minor must be positive");
            }
            String reason = Json.optionalText(body, "reason").orElse("requested by an operator");
            ClawbackPolicy policy = Json.optionalBoolean(body, "force").orElse(false)
                    ? ClawbackPolicy.FORCE : ClawbackPolicy.REFUSE;
            return new RefundRequest(amountMinor, reason, policy);
        }
    }

    private static Idempotency.Reply refund(Context ctx, Api api, RefundRequest request) {
        Payment payment = api.payLedger().readPayments().find(PaymentRoutes.paymentId(ctx))
                .orElseThrow(() -> ApiException.notFound("payment_not_found", "Payment not found"));
        Optional<Money> amount = request.amountMinor()
                .map(minor -> Money.ofMinor(payment.amount().currency(), minor));
        RefundPayment.Result result = api.payLedger().refundPayment()
                .refund(new RefundPayment.Command(payment.id(), amount, request.reason(), request.policy()));
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
