package dev.payledger.app.http;

import dev.payledger.jdbc.DatabaseException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The one place where failures become HTTP answers: {@code {"error":{"code","message"}}}. Refusals are
 * {@link ApiException}s; an unreachable database is 503 (so providers retry webhooks); invalid arguments
 * from commands are 400; anything else is a logged 500 with no detail.
 */
public final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    public static void install(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            write(ctx, e.status(), e.code(), e.getMessage());
        });
        routes.exception(DatabaseException.class, (e, ctx) -> {
            LOG.warn("database unavailable: {}", e.getMessage());
            write(ctx, 503, "database_unavailable", "The database is unavailable; try again shortly");
        });
        routes.exception(IllegalArgumentException.class, (e, ctx) ->
                write(ctx, 400, "invalid_request", String.valueOf(e.getMessage())));
        routes.exception(HttpResponseException.class, (e, ctx) ->
                write(ctx, e.getStatus(), codeFor(e.getStatus()), message(e.getStatus(), e.getMessage())));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "internal_error", "Something went wrong on our side");
        });
    }

    public static void write(Context ctx, int status, String code, String message) {
        ctx.status(status).contentType("application/json")
                .result(Json.write(Map.of("error", Json.map("code", code, "message", message))));
    }

    private static String codeFor(int status) {
        switch (status) {
            case 404: return "not_found";
            case 405: return "method_not_allowed";
            case 413: return "payload_too_large";
            case 415: return "unsupported_media_type";
            case 400: return "bad_request";
            default: return status >= 500 ? "internal_error" : "http_" + status;
        }
    }

    private static String message(int status, String original) {
        return status == 404 ? "No such route" : status >= 500 ? "Something went wrong on our side" : original;
    }
}
