package dev.payledger.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.EmulatorServer;
import dev.payledger.sandbox.Json;
import dev.payledger.sandbox.Request;
import dev.payledger.sandbox.Response;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Stripe's REST endpoints: Bearer (or Basic) auth with the secret key, form-encoded bodies, JSON answers,
 * Stripe's error shape, and {@code Idempotency-Key} on POSTs (same key and parameters replay the first answer;
 * other parameters are an {@code idempotency_error}). Thread-safe: POSTs run one at a time.
 */
final class StripeApi {
    private static final Set<String> REFUND_REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer");
    private static final List<String> REFUND_PARAMS = List.of("payment_intent", "charge", "amount", "metadata[",
            "reason", "expand[", "instructions_email");

    private final StripeStore store;
    private final String secretKey;
    private final Supplier<String> hostedBase;
    private final Map<String, Stored> idempotent = new HashMap<>();

    StripeApi(StripeStore store, String secretKey, Supplier<String> hostedBase) {
        this.store = store;
        this.secretKey = secretKey;
        this.hostedBase = hostedBase;
    }

    void install(EmulatorServer server) {
        server.api("POST", "/v1/checkout/sessions", request -> post(request, this::createSession));
        server.api("GET", "/v1/checkout/sessions/{id}", request -> get(request, r -> store.session(r.param("id"))));
        server.api("POST", "/v1/checkout/sessions/{id}/expire", request -> post(request, r -> store.expire(r.param("id"))));
        server.api("POST", "/v1/refunds", request -> post(request, this::createRefund));
        server.api("GET", "/v1/refunds/{id}", request -> get(request, r -> store.refund(r.param("id"))));
        server.api("GET", "/v1/payment_intents/{id}", request -> get(request, r -> store.intent(r.param("id"))));
    }

    private ObjectNode createSession(Request request) {
        String id = StripeIds.next("cs_test_");
        SessionRecord session = SessionForm.parse(request.form(), id, hostedBase.get() + "/c/pay/" + id, store.now());
        store.add(session);
        return session.toJson();
    }

    private ObjectNode createRefund(Request request) {
        Map<String, String> form = request.form();
        form.keySet().stream().filter(key -> REFUND_PARAMS.stream().noneMatch(key::startsWith)).findFirst()
                .ifPresent(key -> {
                    throw StripeError.invalid("parameter_unknown", "Received unknown parameter: " + key, key);
                });
        String intentId = form.get("payment_intent");
        if (intentId == null && form.containsKey("charge")) {
            intentId = form.get("charge").replaceFirst("^ch_", "pi_");
        }
        if (intentId == null) {
            throw StripeError.invalid("parameter_missing", "One of `charge` or `payment_intent` is required.", null);
        }
        Long amount = form.containsKey("amount") ? SessionForm.integer(form, "amount", 1) : null;
        String reason = form.get("reason");
        if (reason != null && !REFUND_REASONS.contains(reason)) {
            throw StripeError.invalid("parameter_invalid_string", "Invalid reason: " + reason, "reason");
        }
        return store.createRefund(intentId, amount, SessionForm.metadata(form, "metadata"), reason).toJson();
    }

    private Response get(Request request, Function<Request, ObjectNode> handler) {
        try {
            authenticate(request);
            return ok(handler.apply(request));
        } catch (StripeError error) {
            return error.toResponse().withHeader("Request-Id", StripeIds.next("req_"));
        }
    }

    private synchronized Response post(Request request, Function<Request, ObjectNode> handler) {
        try {
            authenticate(request);
        } catch (StripeError error) {
            return error.toResponse();
        }
        String key = request.header("Idempotency-Key").orElse(null);
        Stored previous = key == null ? null : idempotent.get(key);
        if (previous != null) {
            if (previous.path.equals(request.uri().getRawPath()) && previous.form.equals(request.form())) {
                return previous.response.withHeader("Idempotent-Replayed", "true");
            }
            return new StripeError(400, "idempotency_error", null, "Keys for idempotent requests can only be used "
                    + "with the same parameters they were first used with. Try using a key other than '" + key
                    + "' if you meant to execute a different request.", null).toResponse();
        }
        Response response;
        try {
            response = ok(handler.apply(request));
        } catch (StripeError error) {
            response = error.toResponse().withHeader("Request-Id", StripeIds.next("req_"));
        }
        if (key != null && response.status() < 500) {
            idempotent.put(key, new Stored(request.uri().getRawPath(), request.form(), response));
        }
        return response;
    }

    private void authenticate(Request request) {
        String header = request.header("Authorization").orElse("");
        String given = null;
        if (header.startsWith("Bearer ")) {
            given = header.substring("Bearer ".length()).trim();
        } else if (header.startsWith("Basic ")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                given = decoded.endsWith(":") ? decoded.substring(0, decoded.length() - 1) : decoded;
            } catch (IllegalArgumentException e) {
                given = null;
            }
        }
        if (given == null || given.isEmpty()) {
            throw new StripeError(401, "invalid_request_error", null, "You did not provide an API key. You need to "
                    + "provide your API key in the Authorization header, using Bearer auth.", null);
        }
        if (!given.equals(secretKey)) {
            String tail = given.length() > 4 ? given.substring(given.length() - 4) : "";
            throw new StripeError(401, "invalid_request_error", "api_key_invalid", "Invalid API Key provided: "
                    + given.substring(0, Math.min(8, given.length())) + "****" + tail, null);
        }
    }

    private static Response ok(ObjectNode body) {
        return Response.json(200, Json.write(body)).withHeader("Request-Id", StripeIds.next("req_"));
    }

    private record Stored(String path, Map<String, String> form, Response response) {
    }
}
