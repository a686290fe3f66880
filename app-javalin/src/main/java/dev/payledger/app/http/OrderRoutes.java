package dev.payledger.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.FulfilmentStatus;
import dev.payledger.core.order.ManageOrder;
import dev.payledger.core.order.Order;
import dev.payledger.core.order.OrderId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Orders: place, list, read and cancel one's own; an admin confirms, ships and delivers. */
final class OrderRoutes {
    private OrderRoutes() {
    }

    static void install(RoutesConfig routes, Api api) {
        routes.post("/api/orders", ctx -> place(ctx, api));
        routes.get("/api/orders", ctx -> ctx.json(Map.of("orders", api.payLedger().manageOrder()
                .list(api.auth().caller(ctx).user(), limit(ctx)).stream().map(Views::order).toList())));
        routes.get("/api/orders/{id}", ctx -> ctx.json(Views.order(owned(ctx, api))));
        routes.post("/api/orders/{id}/cancel", ctx -> {
            Caller caller = api.auth().caller(ctx);
            answer(ctx, api.payLedger().manageOrder().cancel(caller.user(), orderId(ctx)));
        });
        advance(routes, api, "confirm", FulfilmentStatus.CONFIRMED);
        advance(routes, api, "ship", FulfilmentStatus.SHIPPED);
        advance(routes, api, "deliver", FulfilmentStatus.DELIVERED);
    }

    private static void advance(RoutesConfig routes, Api api, String action, FulfilmentStatus target) {
        routes.post("/api/orders/{id}/" + action, ctx -> {
            api.auth().admin(ctx);
            answer(ctx, api.payLedger().manageOrder().advance(orderId(ctx), target));
        });
    }

    private static void place(Context ctx, Api api) {
        Caller caller = api.auth().caller(ctx);
        JsonNode body = Json.object(ctx.body());
        String currency = Json.requiredText(body, "currency");
        JsonNode items = body.get("items");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw ApiException.badRequest("invalid_request", "Field items must be a non-empty array");
        }
        List<ManageOrder.Item> list = new ArrayList<>();
        for (JsonNode item : items) {
            list.add(new ManageOrder.Item(Json.requiredText(item, "sku"), quantity(item)));
        }
        ManageOrder.Result result = api.payLedger().manageOrder().place(
                new ManageOrder.PlaceCommand(caller.user(), Money.currency(currency), list));
        ctx.status(201);
        answer(ctx, result);
    }

    /** An item's quantity: absent means 1; anything but a whole number that fits an int is a 400. */
    private static int quantity(JsonNode item) {
        JsonNode quantity = item.get("quantity");
        if (quantity == null || quantity.isNull()) {
            return 1;
        }
        if (!quantity.isIntegralNumber() || !quantity.canConvertToInt()) {
            throw ApiException.badRequest("invalid_request", "Field quantity must be a whole number");
        }
        return quantity.intValue();
    }

    /** The order in the path, if the caller bought it (or is an admin). */
    static Order owned(Context ctx, Api api) {
        Caller caller = api.auth().caller(ctx);
        Order order = api.payLedger().manageOrder().find(orderId(ctx))
                .orElseThrow(() -> ApiException.notFound("order_not_found", "Order not found"));
        if (!order.isBoughtBy(caller.user()) && !caller.admin()) {
            throw ApiException.forbidden("not_your_order", "Not your order");
        }
        return order;
    }

    private static void answer(Context ctx, ManageOrder.Result result) {
        if (result instanceof ManageOrder.Changed changed) {
            ctx.json(Views.order(changed.order()));
            return;
        }
        ManageOrder.Refused refused = (ManageOrder.Refused) result;
        switch (refused.reason()) {
            case ORDER_NOT_FOUND: throw ApiException.notFound("order_not_found", refused.message());
            case NOT_YOUR_ORDER: throw ApiException.forbidden("not_your_order", refused.message());
            case ILLEGAL_TRANSITION: throw new ApiException(409, "illegal_transition", refused.message());
            case UNKNOWN_ITEM: throw ApiException.badRequest("unknown_item", refused.message());
            default: throw ApiException.badRequest("add_on_without_product", refused.message());
        }
    }

    static OrderId orderId(Context ctx) {
        return new OrderId(ctx.pathParam("id"));
    }

    static int limit(Context ctx) {
        String limit = ctx.queryParam("limit");
        try {
            return limit == null ? 20 : Math.min(Math.max(Integer.parseInt(limit), 1), 100);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_request", "limit must be a number");
        }
    }
}
