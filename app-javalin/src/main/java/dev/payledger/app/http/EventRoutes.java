package dev.payledger.app.http;

import io.javalin.config.RoutesConfig;

/**
 * {@code GET /api/events}: a Server-Sent-Event stream of the caller's payment, wallet and feature events,
 * fed from the outbox. Browsers' EventSource cannot send headers, so this route also takes the token as
 * {@code ?access_token=}.
 */
final class EventRoutes {
    private EventRoutes() {
    }

    static void install(RoutesConfig routes, Api api) {
        routes.before("/api/events", ctx -> api.auth().caller(ctx));
        routes.sse("/api/events", client -> {
            Caller caller = Auth.known(client.ctx()).orElseThrow();
            client.keepAlive();
            client.sendComment("connected");
            api.events().add(caller.user(), client);
        });
    }
}
