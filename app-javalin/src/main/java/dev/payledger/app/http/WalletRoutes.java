package dev.payledger.app.http;

import dev.payledger.core.common.Page;
import dev.payledger.core.feature.UnlockFeature;
import dev.payledger.core.ledger.WalletEntry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/** The caller's wallet, its cursor-paginated statement, the features and unlocking one with credits. */
final class WalletRoutes {
    private WalletRoutes() {
    }

    static void install(RoutesConfig routes, Api api) {
        routes.get("/api/wallet", ctx -> ctx.json(Views.wallet(api.payLedger().readWallet()
                .wallet(api.auth().caller(ctx).user()))));
        routes.get("/api/wallet/entries", ctx -> {
            Caller caller = api.auth().caller(ctx);
            Page<WalletEntry> page = api.payLedger().readWallet().statement(caller.user(),
                    Optional.ofNullable(ctx.queryParam("cursor")), OrderRoutes.limit(ctx));
            ctx.json(Json.map("entries", page.items().stream().map(Views::entry).toList(),
                    "next_cursor", page.nextCursor().orElse(null)));
        });
        routes.get("/api/features", ctx -> {
            Caller caller = api.auth().caller(ctx);
            ctx.json(Json.map("active", api.payLedger().unlockFeature().activeGrants(caller.user()).stream()
                            .map(Views::grant).toList(),
                    "available", api.payLedger().catalog().features().stream().map(f -> Json.map("code", f.code(),
                            "name", f.name(), "cost", f.cost(),
                            "duration_seconds", f.duration().map(d -> d.getSeconds()).orElse(null))).toList()));
        });
        routes.post("/api/features/{code}/unlock", ctx -> {
            Caller caller = api.auth().caller(ctx);
            api.idempotency().respond(ctx, caller, true, () -> unlock(ctx, api, caller));
        });
    }

    private static Idempotency.Reply unlock(Context ctx, Api api, Caller caller) {
        String requestId = digest(ctx.header(Idempotency.HEADER));
        UnlockFeature.Result result = api.payLedger().unlockFeature()
                .unlock(new UnlockFeature.Command(caller.user(), ctx.pathParam("code"), requestId));
        if (result instanceof UnlockFeature.Unlocked unlocked) {
            return new Idempotency.Reply(200, Json.map("grant", Views.grant(unlocked.grant()),
                    "wallet", Views.wallet(unlocked.wallet())));
        }
        if (result instanceof UnlockFeature.InsufficientCredits insufficient) {
            throw new ApiException(402, "insufficient_credits", "This feature costs " + insufficient.cost()
                    + " credits; the balance is " + insufficient.wallet().balance());
        }
        throw ApiException.notFound("feature_not_found", "No feature " + ctx.pathParam("code"));
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
