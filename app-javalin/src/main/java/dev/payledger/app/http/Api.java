package dev.payledger.app.http;

import dev.payledger.app.Config;
import dev.payledger.core.PayLedger;
import dev.payledger.core.batch.BatchedWebhooks;

import java.util.function.BooleanSupplier;

/**
 * What the route groups share: the use cases, auth, idempotency, limits, metrics and the SSE hub.
 *
 * @param webhooks          receives webhooks (group commit for captured money)
 * @param databaseReachable answers {@code GET /health}
 * @param sandbox           whether the sandbox-only routes exist
 */
public record Api(Config config, PayLedger payLedger, BatchedWebhooks webhooks, Tokens tokens, Auth auth, Idempotency idempotency,
                  RateLimiter checkoutLimit, Metrics metrics, EventHub events, BooleanSupplier databaseReachable,
                  boolean sandbox, String baseUrl) {

    public static Api create(Config config, PayLedger payLedger, BatchedWebhooks webhooks, Tokens tokens, Metrics metrics, EventHub events,
                             BooleanSupplier databaseReachable, String baseUrl) {
        return new Api(config, payLedger, webhooks, tokens, new Auth(tokens), new Idempotency(payLedger.idempotentRequests()),
                new RateLimiter(config.checkoutsPerMinute()), metrics, events, databaseReachable, config.sandbox(),
                baseUrl);
    }
}
