package dev.payledger.sandbox.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.EmulatorServer;
import dev.payledger.sandbox.Json;
import dev.payledger.sandbox.Request;
import dev.payledger.sandbox.Response;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The legacy Coinbase Commerce charges API ({@code X-CC-Api-Key}, {@code X-CC-Version: 2018-03-22}):
 * {@code POST /charges}, {@code GET /charges/{code|id}}, {@code POST /charges/{code|id}/cancel}. A charge's
 * state is its {@code timeline}; events go out in the legacy envelope. Guarded by this object's lock.
 */
final class CommerceApi {
    static final String API_VERSION = "2018-03-22";
    private static final String CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Clock clock;
    private final CoinbaseWebhooks webhooks;
    private final ScheduledExecutorService scheduler;
    private final Supplier<Duration> confirmationDelay;
    private final URI pageBase;
    private final Map<String, ObjectNode> charges = new LinkedHashMap<>();
    private volatile String apiKey;

    CommerceApi(String apiKey, Clock clock, CoinbaseWebhooks webhooks, ScheduledExecutorService scheduler,
                Supplier<Duration> confirmationDelay, URI pageBase) {
        this.apiKey = apiKey;
        this.clock = clock;
        this.webhooks = webhooks;
        this.scheduler = scheduler;
        this.confirmationDelay = confirmationDelay;
        this.pageBase = pageBase;
    }

    void apiKey(String key) {
        this.apiKey = key;
    }

    void register(EmulatorServer server) {
        server.api("POST", "/charges", guarded(this::create));
        server.api("GET", "/charges/{id}", guarded(request -> find(request.param("id"))
                .map(charge -> Response.json(200, wrap(charge)))
                .orElseGet(() -> error(404, "not_found", "Charge not found"))));
        server.api("POST", "/charges/{id}/cancel", guarded(this::cancel));
    }

    synchronized Optional<ObjectNode> find(String idOrCode) {
        expireDue();
        ObjectNode charge = charges.get(idOrCode);
        if (charge == null) {
            charge = charges.values().stream().filter(c -> c.path("code").asText().equals(idOrCode)).findFirst().orElse(null);
        }
        return Optional.ofNullable(charge);
    }

    private EmulatorServer.Handler guarded(EmulatorServer.Handler handler) {
        return request -> {
            if (!apiKey.equals(request.header("x-cc-api-key").orElse(""))) {
                return error(401, "authorization_error", "No such API key.");
            }
            synchronized (this) {
                expireDue();
                return handler.handle(request);
            }
        };
    }

    private Response create(Request request) {
        JsonNode body;
        try {
            body = Json.read(request.bodyText());
        } catch (IllegalArgumentException e) {
            return error(400, "invalid_request", "Malformed JSON");
        }
        JsonNode local = body == null ? null : body.path("local_price");
        if (body == null || !body.isObject() || !body.path("name").isTextual()
                || !local.path("amount").isTextual() || !local.path("currency").isTextual()
                || !local.path("amount").asText().matches("\\d+(\\.\\d+)?")) {
            return error(400, "invalid_request", "name and local_price {amount, currency} are required");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode charge = Json.MAPPER.createObjectNode();
        String code = code();
        charge.put("id", UUID.randomUUID().toString());
        charge.put("code", code);
        charge.put("name", body.path("name").asText());
        charge.put("description", body.path("description").asText(""));
        charge.put("hosted_url", pageBase.resolve("/pay/" + code).toString());
        charge.put("created_at", now.toString());
        charge.put("expires_at", now.plus(Duration.ofHours(1)).toString());
        charge.put("pricing_type", body.path("pricing_type").asText("fixed_price"));
        ObjectNode pricing = charge.putObject("pricing");
        pricing.set("local", local.deepCopy());
        ObjectNode settlement = pricing.putObject("settlement");
        settlement.put("amount", local.path("amount").asText());
        settlement.put("currency", "USDC");
        charge.set("metadata", body.path("metadata").isObject() ? body.get("metadata").deepCopy() : Json.MAPPER.createObjectNode());
        charge.put("redirect_url", body.path("redirect_url").asText(""));
        charge.put("cancel_url", body.path("cancel_url").asText(""));
        charge.putArray("timeline").addObject().put("time", now.toString()).put("status", "NEW");
        charge.putArray("payments");
        charges.put(charge.get("id").asText(), charge);
        webhooks.commerce("charge:created", charge.deepCopy());
        return Response.json(201, wrap(charge));
    }

    private Response cancel(Request request) {
        Optional<ObjectNode> charge = find(request.param("id"));
        if (charge.isEmpty()) {
            return error(404, "not_found", "Charge not found");
        }
        if (!"NEW".equals(status(charge.get()))) {
            return error(400, "invalid_request", "Only a NEW charge can be canceled");
        }
        addTimeline(charge.get(), "CANCELED", null);
        return Response.json(200, wrap(charge.get()));
    }

    synchronized void pay(String idOrCode, boolean late) {
        ObjectNode charge = require(idOrCode);
        String status = status(charge);
        if (late ? !"EXPIRED".equals(status) : !"NEW".equals(status)) {
            throw new IllegalStateException("Charge " + idOrCode + " cannot be paid" + (late ? " late" : "") + " from " + status);
        }
        ObjectNode payment = addPayment(charge, late ? "CONFIRMED" : "PENDING");
        if (late) {
            addTimeline(charge, "UNRESOLVED", "DELAYED");
            webhooks.commerce("charge:delayed", charge.deepCopy());
            return;
        }
        addTimeline(charge, "PENDING", null);
        webhooks.commerce("charge:pending", charge.deepCopy());
        scheduler.schedule(() -> confirm(charge, payment), confirmationDelay.get().toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void fail(String idOrCode) {
        ObjectNode charge = require(idOrCode);
        addTimeline(charge, "FAILED", null);
        webhooks.commerce("charge:failed", charge.deepCopy());
    }

    synchronized void expire(String idOrCode) {
        ObjectNode charge = require(idOrCode);
        if (!"NEW".equals(status(charge))) {
            throw new IllegalStateException("Charge " + idOrCode + " cannot expire from " + status(charge));
        }
        addTimeline(charge, "EXPIRED", null);
        webhooks.commerce("charge:failed", charge.deepCopy());
    }

    /** The merchant marks an unresolved (late, under- or overpaid) charge as resolved. */
    synchronized void resolve(String idOrCode) {
        ObjectNode charge = require(idOrCode);
        if (!"UNRESOLVED".equals(status(charge))) {
            throw new IllegalStateException("Charge " + idOrCode + " is not unresolved");
        }
        addTimeline(charge, "RESOLVED", null);
        webhooks.commerce("charge:resolved", charge.deepCopy());
    }

    private synchronized void confirm(ObjectNode charge, ObjectNode payment) {
        if (!"PENDING".equals(status(charge))) {
            return;
        }
        payment.put("status", "CONFIRMED");
        addTimeline(charge, "COMPLETED", null);
        webhooks.commerce("charge:confirmed", charge.deepCopy());
    }

    private ObjectNode require(String idOrCode) {
        return find(idOrCode).orElseThrow(() -> new IllegalArgumentException("No charge " + idOrCode));
    }

    private ObjectNode addPayment(ObjectNode charge, String status) {
        JsonNode local = charge.path("pricing").path("local");
        ObjectNode payment = ((ArrayNode) charge.get("payments")).addObject();
        payment.put("network", "base");
        payment.put("transaction_id", CheckoutRequests.randomHex(64, "0x"));
        payment.put("status", status);
        payment.put("detected_at", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode value = payment.putObject("value");
        value.set("local", local.deepCopy());
        value.putObject("crypto").put("amount", new BigDecimal(local.path("amount").asText()).toPlainString())
                .put("currency", "USDC");
        return payment;
    }

    private void addTimeline(ObjectNode charge, String status, String context) {
        ObjectNode entry = ((ArrayNode) charge.get("timeline")).addObject();
        entry.put("time", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        entry.put("status", status);
        if (context != null) {
            entry.put("context", context);
        }
    }

    private void expireDue() {
        for (ObjectNode charge : charges.values()) {
            if ("NEW".equals(status(charge))
                    && clock.instant().isAfter(Instant.parse(charge.path("expires_at").asText()))) {
                addTimeline(charge, "EXPIRED", null);
                webhooks.commerce("charge:failed", charge.deepCopy());
            }
        }
    }

    static String status(JsonNode charge) {
        JsonNode timeline = charge.path("timeline");
        return timeline.size() == 0 ? "NEW" : timeline.get(timeline.size() - 1).path("status").asText();
    }

    private static ObjectNode wrap(ObjectNode charge) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("data", charge);
        return body;
    }

    private static Response error(int status, String type, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("error").put("type", type).put("message", message);
        return Response.json(status, body);
    }

    private static String code() {
        StringBuilder code = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            code.append(CODE_CHARS.charAt(random.nextInt(CODE_CHARS.length())));
        }
        return code.toString();
    }
}
