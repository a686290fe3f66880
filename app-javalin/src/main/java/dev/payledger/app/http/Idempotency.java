package dev.payledger.app.http;

import dev.payledger.core.idempotency.IdempotentRequests;
import dev.payledger.core.idempotency.StoredResponse;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} over the core's {@link IdempotentRequests}: the first answer of a request that began
 * executing (success or a 4xx refusal) is stored and replayed for the same key and request
 * ({@code Idempotent-Replayed: true}); the same key on another request is 422; a repeat while the first runs is
 * 409. 5xx answers are not stored: the key is released so the client may retry. As with Stripe's keys, a request
 * refused before it began executing stores nothing: routes read and check their body before calling
 * {@link #respond}, so a 400 for the body leaves the key free for the corrected request. The fingerprint is
 * method, path and a digest of the body.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";

    private final IdempotentRequests requests;

    public Idempotency(IdempotentRequests requests) {
        this.requests = requests;
    }

    /** A successful answer: status and a JSON-writable body. */
    public record Reply(int status, Object body) {
    }

    public void respond(Context ctx, Caller caller, boolean keyRequired, Supplier<Reply> handler) {
        String key = ctx.header(HEADER);
        if (key == null) {
            if (keyRequired) {
                throw ApiException.badRequest("idempotency_key_required", "This route needs an Idempotency-Key header");
            }
            Reply reply = handler.get();
            ctx.status(reply.status()).contentType("application/json").result(Json.write(reply.body()));
            return;
        }
        String fingerprint = ctx.method() + " " + ctx.path() + " " + digest(ctx.body());
        IdempotentRequests.Outcome outcome = requests.run(caller.user(), key, fingerprint, () -> stored(handler));
        if (outcome instanceof IdempotentRequests.Executed executed) {
            send(ctx, executed.response());
        } else if (outcome instanceof IdempotentRequests.Replayed replayed) {
            ctx.header("Idempotent-Replayed", "true");
            send(ctx, replayed.response());
        } else if (outcome instanceof IdempotentRequests.Mismatch) {
            throw new ApiException(422, "idempotency_key_reused",
                    "This Idempotency-Key was used for a different request");
        } else if (outcome instanceof IdempotentRequests.InProgress) {
            throw new ApiException(409, "request_in_progress", "A request with this Idempotency-Key is still running");
        } else {
            throw ApiException.badRequest("invalid_idempotency_key",
                    "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces");
        }
    }

    private static StoredResponse stored(Supplier<Reply> handler) {
        try {
            Reply reply = handler.get();
            return new StoredResponse(reply.status(), Json.write(reply.body()));
        } catch (ApiException e) {
            if (e.status() >= 500 || !e.headers().isEmpty()) {
                throw e;
            }
            return new StoredResponse(e.status(), Json.write(java.util.Map.of("error",
                    Json.map("code", e.code(), "message", e.getMessage()))));
        }
    }

    private static void send(Context ctx, StoredResponse response) {
        ctx.status(response.status()).contentType("application/json").result(response.body());
    }

    private static String digest(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
