package dev.payledger.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.OrderId;
import dev.payledger.core.payment.PurchaseTarget;
import dev.payledger.core.payment.StartCheckout;
import io.javalin.config.RoutesConfig;

import java.util.Currency;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/checkout}: pay for a package ({@code package_id}, {@code currency}) or an order
 * ({@code order_id}) with a provider (or the currency's default). Rate limited per user; {@code Idempotency-Key}
 * optional (an open checkout for the same purchase is reused anyway). {@code Server-Timing: provider;dur=…} tells
 * how many of the answer's milliseconds were spent waiting on the provider's API.
 */
final class CheckoutRoutes {
    private CheckoutRoutes() {
    }

    static void install(RoutesConfig routes, Api api) {
        routes.post("/api/checkout", ctx -> {
            ProviderCalls.startRequest();
            try {
                Caller caller = api.auth().caller(ctx);
                api.checkoutLimit().acquire(caller.user().value());
                // read before the key is taken: a 400 here stores nothing, so the corrected body may reuse the key
                CheckoutRequest request = CheckoutRequest.read(ctx.body());
                api.idempotency().respond(ctx, caller, false, () -> start(api, caller, request));
            } finally {
                ctx.header(ProviderCalls.SERVER_TIMING, ProviderCalls.serverTiming());
            }
        });
    }

    /** The body: an order, or a package in a currency; a provider or none. Read before anything is looked up. */
    private record CheckoutRequest(PurchaseTarget target, Optional<String> provider) {
        static CheckoutRequest read(String text) {
            JsonNode body = Json.object(text);
            Optional<String> provider = Json.optionalText(body, "provider");
            Optional<String> orderId = Json.optionalText(body, "order_id");
            if (orderId.isPresent()) {
                return new CheckoutRequest(PurchaseTarget.order(new OrderId(orderId.get())), provider);
            }
            Currency currency = Money.currency(Json.requiredText(body, "currency"));
            return new CheckoutRequest(PurchaseTarget.creditPackage(Json.requiredText(body, "package_id"), currency),
                    provider);
        }
    }

    private static Idempotency.Reply start(Api api, Caller caller, CheckoutRequest request) {
        PurchaseTarget target = request.target();
        Optional<Currency> currency = target instanceof PurchaseTarget.CreditPackage credits
                ? Optional.of(credits.currency())
                : api.payLedger().manageOrder().find(((PurchaseTarget.ExistingOrder) target).orderId())
                        .map(o -> o.total().currency());
        String provider = request.provider()
                .or(() -> currency.map(c -> api.config().defaultProviders().get(c.getCurrencyCode())))
                .or(() -> api.payLedger().providers().names().stream().findFirst())
                .orElseThrow(() -> ApiException.badRequest("provider_required", "Name a provider"));
        StartCheckout.Result result = api.payLedger().startCheckout().start(
                new StartCheckout.Command(caller.user(), target, provider));
        if (result instanceof StartCheckout.Started started) {
            api.metrics().checkout(provider, started.reused() ? "reused" : "started");
            Map<String, Object> view = Views.payment(started.payment());
            view.put("reused", started.reused());
            return new Idempotency.Reply(started.reused() ? 200 : 201, view);
        }
        StartCheckout.Refused refused = (StartCheckout.Refused) result;
        api.metrics().checkout(provider, refused.reason().name().toLowerCase(java.util.Locale.ROOT));
        throw refusal(refused);
    }

    private static ApiException refusal(StartCheckout.Refused refused) {
        String message = refused.message();
        switch (refused.reason()) {
            case PACKAGE_NOT_FOUND: return ApiException.notFound("package_not_found", message);
            case ORDER_NOT_FOUND: return ApiException.notFound("order_not_found", message);
            case NOT_YOUR_ORDER: return ApiException.forbidden("not_your_order", message);
            case ORDER_ALREADY_PAID: return ApiException.badRequest("order_already_paid", message);
            case ORDER_CANCELLED: return ApiException.badRequest("order_cancelled", message);
            case PRICE_NOT_AVAILABLE: return ApiException.badRequest("price_not_available", message);
            case PROVIDER_NOT_ENABLED: return ApiException.badRequest("provider_not_enabled", message);
            default: return new ApiException(502, "provider_unavailable", message);
        }
    }
}
