package dev.payledger.reliability.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.app.Config;
import dev.payledger.app.Secret;
import dev.payledger.app.http.ApiException;
import dev.payledger.app.http.Json;
import dev.payledger.app.http.Tokens;
import dev.payledger.core.money.Money;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service does with a request body and a bearer token before any use case runs: {@link Json#object}
 * and the field readers (typed rejection: {@link ApiException}, a 400), currency codes (IllegalArgumentException,
 * also a 400 in the one error mapper) and {@link Tokens#verify} (empty, a 401; never an exception).
 */
class RequestJsonFuzzTest {
    private static final Tokens TOKENS = new Tokens(new Config.Jwt("HS256",
            Optional.of(new Secret("fuzz-jwt-secret-that-is-at-least-32-bytes")), Optional.empty(), Optional.empty()));

    @FuzzTest(maxDuration = "30m")
    void anyBodyOrTokenIsReadOrRejectedAsBadRequest(FuzzedDataProvider data) {
        target(data);
    }

    static void target(FuzzedDataProvider data) {
        String token = data.consumeString(200);
        String body = data.consumeRemainingAsString();
        assertThat(TOKENS.verify(token)).isEmpty();
        try {
            ObjectNode object = Json.object(body);
            Json.optionalText(object, "order_id");
            Json.optionalText(object, "provider");
            Money.currency(Json.requiredText(object, "currency"));
            Json.requiredText(object, "package_id");
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(400);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotNull();
        }
    }
}
