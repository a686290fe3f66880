package dev.payledger.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Health, Prometheus metrics, the OpenAPI document, the landing page and (sandbox only) the demo login. */
final class OpsRoutes {
    private static final Duration SANDBOX_TOKEN_LIFETIME = Duration.ofHours(12);

    private OpsRoutes() {
    }

    static void install(RoutesConfig routes, Api api) {
        routes.get("/health", ctx -> {
            boolean up = api.databaseReachable().getAsBoolean();
            ctx.status(up ? 200 : 503).json(Json.map("status", up ? "ok" : "unavailable",
                    "database", up ? "up" : "down"));
        });
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(api.metrics().scrape()));
        String openApi = resource("/openapi.json");
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        routes.get("/", ctx -> ctx.html(LandingPage.render(api, ctx.queryParam("payment_id"), ctx.queryParam("result"))));
        if (api.sandbox()) {
            routes.post("/sandbox/login", ctx -> {
                JsonNode body = Json.object(ctx.body());
                String user = Json.requiredText(body, "user");
                boolean admin = body.path("admin").asBoolean(false);
                dev.payledger.core.common.UserId.of(user);
                String token = api.tokens().issue(user, admin, SANDBOX_TOKEN_LIFETIME).orElseThrow(() ->
                        new ApiException(404, "not_available", "The sandbox login needs HS256 tokens"));
                ctx.json(Json.map("sandbox_only", true, "token", token, "token_type", "Bearer",
                        "expires_in", SANDBOX_TOKEN_LIFETIME.getSeconds(), "user", user, "admin", admin));
            });
        }
    }

    static String resource(String name) {
        try (InputStream in = OpsRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
