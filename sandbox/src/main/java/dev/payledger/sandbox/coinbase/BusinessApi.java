package dev.payledger.sandbox.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.EmulatorServer;
import dev.payledger.sandbox.Json;
import dev.payledger.sandbox.Request;
import dev.payledger.sandbox.Response;
import dev.payledger.sandbox.coinbase.BusinessErrors.Refusal;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Coinbase Business API: {@code /api/v1/{checkouts,payment-links}} and the same under
 * {@code /sandbox/api/v1}: create (idempotent on {@code X-Idempotency-Key}), get, list with page tokens,
 * deactivate ({@code POST …/deactivate}, or {@code DELETE}), refund (checkouts). Every call needs a valid CDP
 * JWT. State lives in memory, guarded by this object's lock.
 */
final class BusinessApi {
    static final List<String> PREFIXES = List.of("/api/v1", "/sandbox/api/v1");
    static final List<String> RESOURCES = List.of("checkouts", "payment-links");

    private final JwtCheck jwt;
    private final Clock clock;
    private final CoinbaseWebhooks webhooks;
    private final ScheduledExecutorService scheduler;
    private final Supplier<Duration> confirmationDelay;
    private final Supplier<Boolean> failRefunds;
    private final URI pageBase;
    private final Map<String, CheckoutState> checkouts = new LinkedHashMap<>();
    private final Map<String, Response> idempotent = new ConcurrentHashMap<>();
    private final Map<String, String> fingerprints = new ConcurrentHashMap<>();

    BusinessApi(JwtCheck jwt, Clock clock, CoinbaseWebhooks webhooks, ScheduledExecutorService scheduler,
                Supplier<Duration> confirmationDelay, Supplier<Boolean> failRefunds, URI pageBase) {
        this.jwt = jwt;
        this.clock = clock;
        this.webhooks = webhooks;
        this.scheduler = scheduler;
        this.confirmationDelay = confirmationDelay;
        this.failRefunds = failRefunds;
        this.pageBase = pageBase;
    }

    void register(EmulatorServer server) {
        for (String prefix : PREFIXES) {
            for (String resource : RESOURCES) {
                String base = prefix + "/" + resource;
                server.api("POST", base, guarded(request -> create(resource, request)));
                server.api("GET", base, guarded(request -> list(resource, request)));
                server.api("GET", base + "/{id}", guarded(request -> Response.json(200, find(resource, request.param("id")).toJson())));
                server.api("POST", base + "/{id}/deactivate", guarded(request -> deactivate(resource, request.param("id"))));
                server.api("DELETE", base + "/{id}", guarded(request -> deactivate(resource, request.param("id"))));
            }
            server.api("POST", prefix + "/checkouts/{id}/refund", guarded(this::refund));
        }
    }

    synchronized Optional<CheckoutState> get(String id) {
        expireDue();
        return Optional.ofNullable(checkouts.get(id));
    }

    private EmulatorServer.Handler guarded(EmulatorServer.Handler handler) {
        return request -> {
            Optional<String> problem = jwt.problem(request);
            if (problem.isPresent()) {
                return BusinessErrors.unauthorized("Unauthorized: " + problem.get());
            }
            try {
                synchronized (this) {
                    expireDue();
                    return handler.handle(request);
                }
            } catch (Refusal refusal) {
                return refusal.response;
            }
        };
    }

    private Response create(String resource, Request request) {
        return idempotently(resource, request, () -> {
            CheckoutState state = CheckoutRequests.parse(resource, request.bodyText(), clock.instant(), pageBase);
            checkouts.put(state.id, state);
            return Response.json(201, state.toJson());
        });
    }

    private Response idempotently(String scope, Request request, Supplier<Response> action) {
        Optional<String> key = request.header("x-idempotency-key");
        if (key.isEmpty()) {
            return action.get();
        }
        if (!key.get().matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            return BusinessErrors.invalid("X-Idempotency-Key must be a UUID");
        }
        String scoped = scope + " " + request.uri().getRawPath() + " " + key.get().toLowerCase(java.util.Locale.ROOT);
        String fingerprint = request.bodyText();
        String previous = fingerprints.get(scoped);
        if (previous != null) {
            return previous.equals(fingerprint) ? idempotent.get(scoped)
                    : BusinessErrors.error(422, "idempotency_error", "Idempotency key reused with a different request");
        }
        Response response = action.get();
        if (response.status() < 300) {
            fingerprints.put(scoped, fingerprint);
            idempotent.put(scoped, response);
        }
        return response;
    }

    private Response list(String resource, Request request) {
        int pageSize = CheckoutRequests.intParam(request.query().get("pageSize"), 20, 1, 100, "pageSize");
        int offset = 0;
        String token = request.query().get("pageToken");
        if (token != null && !token.isEmpty()) {
            try {
                offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return BusinessErrors.invalid("invalid pageToken");
            }
        }
        String status = request.query().get("status");
        List<CheckoutState> matching = new ArrayList<>();
        checkouts.values().stream().filter(state -> state.resource.equals(resource))
                .filter(state -> status == null || status.equals(state.toJson().path("status").asText()))
                .forEach(matching::add);
        java.util.Collections.reverse(matching);
        ObjectNode body = Json.MAPPER.createObjectNode();
        var items = body.putArray("checkouts".equals(resource) ? "checkouts" : "paymentLinks");
        int end = Math.min(matching.size(), offset + pageSize);
        for (int i = Math.max(0, offset); i < end; i++) {
            items.add(matching.get(i).toJson());
        }
        if (end < matching.size()) {
            body.put("nextPageToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8)));
        }
        return Response.json(200, body);
    }

    private CheckoutState find(String resource, String id) {
        CheckoutState state = checkouts.get(id);
        if (state == null || !state.resource.equals(resource)) {
            throw new Refusal(BusinessErrors.notFound("checkouts".equals(resource) ? "Checkout" : "Payment link"));
        }
        return state;
    }

    private Response deactivate(String resource, String id) {
        CheckoutState state = find(resource, id);
        if (!"ACTIVE".equals(state.status)) {
            return BusinessErrors.invalid("Only an ACTIVE " + resource + " can be deactivated; this one is " + state.status);
        }
        change(state, "DEACTIVATED");
        return Response.json(200, state.toJson());
    }

    private Response refund(Request request) {
        CheckoutState state = find("checkouts", request.param("id"));
        return idempotently("refund", request, () -> {
            CheckoutState.RefundState refund = CheckoutRequests.parseRefund(state, request.bodyText(), clock.instant());
            state.refunds.add(refund);
            state.updatedAt = clock.instant();
            scheduler.schedule(() -> settleRefund(state, refund), confirmationDelay.get().toMillis(), TimeUnit.MILLISECONDS);
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.set("checkout", state.toJson());
            body.set("refund", refund.toJson());
            return Response.json(200, body);
        });
    }

    private synchronized void settleRefund(CheckoutState state, CheckoutState.RefundState refund) {
        refund.completedAt = clock.instant();
        if (failRefunds.get()) {
            refund.status = "FAILED";
            state.updatedAt = clock.instant();
            webhooks.business("checkout.refund.failed", state.toJson());
            return;
        }
        refund.status = "COMPLETED";
        refund.transactionHash = CheckoutRequests.randomHex(64, "0x");
        state.status = state.refunded(false).compareTo(state.refundBase()) >= 0 ? "REFUNDED" : "PARTIALLY_REFUNDED";
        state.updatedAt = clock.instant();
        webhooks.business("checkout.refund.success", state.toJson());
    }

    /** The payer pays: confirmations run for the configured delay, then the checkout completes. */
    synchronized void pay(String id, boolean late) {
        expireDue();
        CheckoutState state = require(id);
        boolean allowed = late ? List.of("EXPIRED", "DEACTIVATED").contains(state.status) : "ACTIVE".equals(state.status);
        if (!allowed) {
            throw new IllegalStateException((late ? "A late payment needs an expired checkout; " : "Only an ACTIVE checkout can be paid; ")
                    + id + " is " + state.status);
        }
        state.status = "PROCESSING";
        state.updatedAt = clock.instant();
        Duration delay = confirmationDelay.get();
        if (delay.isZero()) {
            complete(state);
        } else {
            scheduler.schedule(() -> complete(state), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    synchronized void fail(String id) {
        CheckoutState state = require(id);
        if (!List.of("ACTIVE", "PROCESSING").contains(state.status)) {
            throw new IllegalStateException("Checkout " + id + " cannot fail from " + state.status);
        }
        change(state, "FAILED");
        webhooks.business(state.eventPrefix() + ".payment.failed", state.toJson());
    }

    synchronized void expire(String id) {
        CheckoutState state = require(id);
        if (!"ACTIVE".equals(state.status)) {
            throw new IllegalStateException("Checkout " + id + " cannot expire from " + state.status);
        }
        change(state, "EXPIRED");
        webhooks.business(state.eventPrefix() + ".payment.expired", state.toJson());
    }

    private synchronized void complete(CheckoutState state) {
        if (!"PROCESSING".equals(state.status)) {
            return;
        }
        state.transactionHash = CheckoutRequests.randomHex(64, "0x");
        change(state, "COMPLETED");
        webhooks.business(state.eventPrefix() + ".payment.success", state.toJson());
    }

    private CheckoutState require(String id) {
        CheckoutState state = checkouts.get(id);
        if (state == null) {
            throw new IllegalArgumentException("No checkout or payment link " + id);
        }
        return state;
    }

    private void change(CheckoutState state, String status) {
        state.status = status;
        state.updatedAt = clock.instant();
    }

    private void expireDue() {
        for (CheckoutState state : checkouts.values()) {
            if ("ACTIVE".equals(state.status) && clock.instant().isAfter(state.expiresAt)) {
                change(state, "EXPIRED");
                webhooks.business(state.eventPrefix() + ".payment.expired", state.toJson());
            }
        }
    }
}
