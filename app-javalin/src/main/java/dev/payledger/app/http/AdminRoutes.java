package dev.payledger.app.http;

import dev.payledger.core.inbox.InboxState;
import dev.payledger.core.payment.Reconcile;
import dev.payledger.core.payment.ReadPaymentMetrics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Operations for admins: payment metrics and funnel, the webhook inbox and replay, a reconcile run. */
final class AdminRoutes {
    private AdminRoutes() {
    }

    static void install(RoutesConfig routes, Api api) {
        routes.get("/api/admin/metrics", ctx -> {
            api.auth().admin(ctx);
            Instant to = instant(ctx, "to", Instant.now());
            Instant from = instant(ctx, "from", to.minus(Duration.ofDays(30)));
            ctx.json(metrics(api.payLedger().readPaymentMetrics().read(from, to), from, to));
        });
        routes.get("/api/admin/inbox", ctx -> {
            api.auth().admin(ctx);
            InboxState state = state(ctx.queryParam("state"));
            ctx.json(Json.map("state", state.name(), "events", api.payLedger().persistence().unitOfWork()
                    .inTransaction(() -> api.payLedger().persistence().inbox().list(state, OrderRoutes.limit(ctx)))
                    .stream().map(Views::inbound).toList(),
                    "counts", api.payLedger().persistence().unitOfWork()
                            .inTransaction(() -> api.payLedger().persistence().inbox().countByState())));
        });
        routes.post("/api/admin/inbox/{id}/replay", ctx -> {
            api.auth().admin(ctx);
            long id = inboxId(ctx);
            boolean replayed = api.payLedger().persistence().unitOfWork().inTransaction(() ->
                    api.payLedger().persistence().inbox().replay(id, Instant.now()));
            if (!replayed) {
                throw new ApiException(409, "not_replayable", "Inbox event " + id + " is not FAILED or IGNORED");
            }
            api.payLedger().processInbox().processDue(20);
            ctx.json(Json.map("replayed", true, "event", api.payLedger().persistence().unitOfWork().inTransaction(() ->
                    api.payLedger().persistence().inbox().find(id)).map(Views::inbound).orElse(null)));
        });
        routes.post("/api/admin/reconcile", ctx -> {
            api.auth().admin(ctx);
            ctx.json(report(api.payLedger().reconcile().run()));
        });
    }

    static Map<String, Object> report(Reconcile.Report report) {
        return Json.map("checked", report.checked(), "settled", report.settled(), "failed", report.failed(),
                "expired", report.expired(), "still_open", report.stillOpen(),
                "needs_review", report.needsReview().stream().map(Object::toString).toList(),
                "errors", report.errors());
    }

    private static Map<String, Object> metrics(List<ReadPaymentMetrics.ProviderMetrics> providers, Instant from,
                                               Instant to) {
        long created = 0, paid = 0, failed = 0, cancelled = 0, expired = 0, open = 0;
        for (ReadPaymentMetrics.ProviderMetrics m : providers) {
            created += m.attempts();
            paid += m.paid();
            failed += m.failed();
            cancelled += m.cancelled();
            expired += m.expired();
            open += m.open();
        }
        return Json.map("from", from.toString(), "to", to.toString(),
                "providers", providers.stream().map(m -> Json.map("provider", m.provider(), "payments", m.attempts(),
                        "paid", m.paid(), "refunded", m.refunded(), "failed", m.failed(), "cancelled", m.cancelled(),
                        "expired", m.expired(), "open", m.open(), "needs_review", m.needsReview(),
                        "revenue", m.revenue().values().stream().map(Views::money).toList(),
                        "average", m.average().values().stream().map(Views::money).toList(),
                        "conversion", m.conversion())).toList(),
                "funnel", Json.map("checkout_created", created, "paid", paid, "failed", failed,
                        "cancelled", cancelled, "expired", expired, "open", open));
    }

    private static Instant instant(Context ctx, String name, Instant fallback) {
        String text = ctx.queryParam(name);
        try {
            return text == null ? fallback : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_request", name + " must be an ISO-8601 instant");
        }
    }

    private static InboxState state(String text) {
        try {
            return text == null ? InboxState.FAILED : InboxState.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_request", "state must be RECEIVED, PROCESSED, IGNORED or FAILED");
        }
    }

    private static long inboxId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("inbox_event_not_found", "No inbox event " + ctx.pathParam("id"));
        }
    }
}
