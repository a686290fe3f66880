package dev.payledger.app.http;

import dev.payledger.core.payment.HandleProviderEvent;
import dev.payledger.core.payment.ReceiveWebhook;
import dev.payledger.core.payment.WebhookRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@code POST /webhooks/{provider}}: the raw body (up to the configured limit, else 413; JSON only, else 415)
 * is verified, stored in the inbox and processed. A bad or missing signature is 400 and stores nothing; a
 * stored event is 200 even when processing failed (the inbox retries it); an unreachable database is 503 so
 * the provider retries. Signatures and bodies are never logged.
 */
final class WebhookRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);

    private WebhookRoutes() {
    }

    /**
     * @param responses where answers are written once a webhook's batch has committed (the HTTP thread pool), so
     *                  neither the batch writer nor an HTTP thread per webhook waits for the commit
     */
    static void install(RoutesConfig routes, Api api, Executor responses) {
        routes.post("/webhooks/{provider}", ctx -> receive(ctx, api, responses));
    }

    private static void receive(Context ctx, Api api, Executor responses) throws IOException {
        String provider = ctx.pathParam("provider").toLowerCase(Locale.ROOT);
        if (api.payLedger().providers().find(provider).isEmpty()) {
            throw ApiException.notFound("unknown_provider", "No provider " + provider + " is enabled");
        }
        String contentType = ctx.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            api.metrics().webhook(provider, "unsupported_media_type");
            throw new ApiException(415, "unsupported_media_type", "Webhooks must be application/json");
        }
        byte[] body = readLimited(ctx, api.config().webhookBodyLimit());
        if (body == null) {
            api.metrics().webhook(provider, "too_large");
            throw new ApiException(413, "payload_too_large", "The webhook body exceeds "
                    + api.config().webhookBodyLimit() + " bytes");
        }
        Map<String, String> headers = new HashMap<>(ctx.headerMap());
        CompletableFuture<ReceiveWebhook.Result> received = api.webhooks()
                .receiveAsync(provider, new WebhookRequest(headers, body, Instant.now()), responses);
        if (received.isDone() && !received.isCompletedExceptionally()) {
            respond(ctx, api, provider, received.join()); // not batched: answered on this thread
        } else {
            ctx.future(() -> received.thenAcceptAsync(result -> respond(ctx, api, provider, result), responses));
        }
    }

    private static void respond(Context ctx, Api api, String provider, ReceiveWebhook.Result result) {
        if (result instanceof ReceiveWebhook.Rejected rejected) {
            api.metrics().webhook(provider, "rejected");
            LOG.info("webhook rejected provider={} reason={}", provider, rejected.reason());
            throw ApiException.badRequest(rejected.reason().name().toLowerCase(Locale.ROOT), rejected.message());
        }
        if (result instanceof ReceiveWebhook.Duplicate duplicate) {
            api.metrics().webhook(provider, "duplicate");
            ctx.json(Json.map("received", true, "duplicate", true, "event_id", duplicate.eventId()));
            return;
        }
        if (result instanceof ReceiveWebhook.UnknownProvider) {
            throw ApiException.notFound("unknown_provider", "No provider " + provider + " is enabled");
        }
        ReceiveWebhook.Accepted accepted = (ReceiveWebhook.Accepted) result;
        String outcome = outcome(accepted.outcome());
        api.metrics().webhook(provider, outcome);
        LOG.info("webhook stored provider={} inbox_id={} outcome={}", provider, accepted.inboxId(), outcome);
        ctx.json(Json.map("received", true, "duplicate", false, "inbox_id", accepted.inboxId(), "outcome", outcome));
    }

    private static String outcome(HandleProviderEvent.Outcome outcome) {
        if (outcome instanceof HandleProviderEvent.Applied) {
            return "applied";
        }
        return outcome instanceof HandleProviderEvent.Ignored ? "ignored" : "deferred";
    }

    /**
     * The body, or null when it is longer than {@code limit}. A declared length is read into an array of exactly
     * that size (a chunked body, in 8 KiB pieces up to {@code limit + 1}): {@code readNBytes} allocates its
     * buffers by the length it is asked for, so asking for the limit cost 8 KiB and a copy per webhook.
     */
    private static byte[] readLimited(Context ctx, long limit) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            return null;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) (declared >= 0 ? declared : limit + 1));
            return bytes.length > limit ? null : bytes;
        }
    }
}
