package dev.payledger.app.http;

import io.javalin.http.Context;

import java.util.Map;
import java.util.Optional;

/** Reads the caller from {@code Authorization: Bearer …} (once per request) and enforces the admin role. */
public final class Auth {
    private static final String ATTRIBUTE = "payledger.caller";

    private final Tokens tokens;

    public Auth(Tokens tokens) {
        this.tokens = tokens;
    }

    /** The verified caller; 401 when the token is missing or not acceptable. */
    public Caller caller(Context ctx) {
        Caller known = ctx.attribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        Optional<String> token = bearer(ctx);
        if (token.isEmpty()) {
            throw new ApiException(401, "missing_token", "A bearer token is required",
                    Map.of("WWW-Authenticate", "Bearer"));
        }
        Caller caller = tokens.verify(token.get()).orElseThrow(() -> new ApiException(401, "invalid_token",
                "The bearer token is invalid or expired", Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\"")));
        ctx.attribute(ATTRIBUTE, caller);
        return caller;
    }

    /** The caller, who must hold the admin role (403 otherwise). */
    public Caller admin(Context ctx) {
        Caller caller = caller(ctx);
        if (!caller.admin()) {
            throw ApiException.forbidden("admin_required", "This route needs the admin role");
        }
        return caller;
    }

    /** The caller if one is known for this request (for logs); never verifies. */
    public static Optional<Caller> known(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            return Optional.of(header.substring(7).trim());
        }
        if (ctx.path().equals("/api/events")) {
            return Optional.ofNullable(ctx.queryParam("access_token")).filter(t -> !t.isBlank());
        }
        return Optional.empty();
    }
}
