package dev.payledger.sandbox.razorpay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.EmulatorServer;
import dev.payledger.sandbox.Json;
import dev.payledger.sandbox.Request;
import dev.payledger.sandbox.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Razorpay's REST routes under {@code /v1}, behind Basic auth with the key id and key secret. */
final class RazorpayApi {
    private static final Set<String> ORDER_FIELDS = Set.of("amount", "currency", "receipt", "notes", "partial_payment",
            "first_payment_min_amount");
    private static final Set<String> REFUND_FIELDS = Set.of("amount", "speed", "receipt", "notes");

    private final RazorpayBook book;
    private final RazorpayWebhooks webhooks;
    private final byte[] expectedAuthorization;
    private final RazorpayEmulator emulator;
    private final Set<String> refundKeysInFlight = ConcurrentHashMap.newKeySet();

    RazorpayApi(RazorpayBook book, RazorpayWebhooks webhooks, String keyId, String keySecret, RazorpayEmulator emulator) {
        this.book = book;
        this.webhooks = webhooks;
        this.emulator = emulator;
        String token = Base64.getEncoder().encodeToString((keyId + ":" + keySecret).getBytes(StandardCharsets.UTF_8));
        this.expectedAuthorization = ("Basic " + token).getBytes(StandardCharsets.UTF_8);
    }

    void register(EmulatorServer server) {
        server.api("POST", "/v1/orders", guarded(this::createOrder));
        server.api("GET", "/v1/orders", guarded(request -> collection(book.orders(request.query().get("receipt")))));
        server.api("GET", "/v1/orders/{id}", guarded(request -> ok(book.order(request.param("id")))));
        server.api("GET", "/v1/orders/{id}/payments", guarded(request -> collection(book.paymentsOf(request.param("id")))));
        server.api("GET", "/v1/payments/{id}", guarded(request -> ok(book.payment(request.param("id")))));
        server.api("POST", "/v1/payments/{id}/capture", guarded(this::capture));
        server.api("POST", "/v1/payments/{id}/refund", guarded(this::refund));
    }

    private Response createOrder(Request request) {
        ObjectNode body = Fields.object(request.bodyText());
        Fields.onlyKnown(body, ORDER_FIELDS);
        long amount = Fields.amount(body, true);
        String currency = Fields.currency(body);
        String receipt = Fields.receipt(body);
        ObjectNode order = book.createOrder(amount, currency, receipt, Fields.notes(body));
        if (emulator.loseOrderAnswer()) {
            throw ApiError.serverError(502, "The order was made but its answer was lost on the way back");
        }
        return ok(order);
    }

    private Response capture(Request request) {
        ObjectNode body = Fields.object(request.bodyText());
        long amount = Fields.amount(body, true);
        RazorpayBook.Snapshot captured = book.capture(request.param("id"), amount, Fields.currency(body));
        webhooks.payment("payment.captured", captured);
        webhooks.orderPaid(captured);
        return ok(captured.payment());
    }

    /** A refund; a second request with the same idempotency key while the first is in flight answers 409. */
    private Response refund(Request request) {
        String key = Fields.idempotencyKey(request.header("X-Refund-Idempotency").orElse(null));
        if (key == null) {
            return refundNow(request, null);
        }
        if (!refundKeysInFlight.add(key)) {
            throw ApiError.conflict("A request with the same X-Refund-Idempotency key is being processed");
        }
        try {
            emulator.pauseForRefund();
            return refundNow(request, key);
        } finally {
            refundKeysInFlight.remove(key);
        }
    }

    private Response refundNow(Request request, String key) {
        ObjectNode body = Fields.object(request.bodyText());
        Fields.onlyKnown(body, REFUND_FIELDS);
        RazorpayBook.RefundAsk ask = new RazorpayBook.RefundAsk(Fields.amount(body, false), Fields.speed(body),
                Fields.receipt(body), Fields.notes(body), body);
        List<String> pendingBefore = book.pendingRefunds();
        RazorpayBook.Snapshot refunded = book.refund(request.param("id"), ask, key);
        String refundId = refunded.refund().get("id").asText();
        boolean created = !pendingBefore.contains(refundId) && "pending".equals(refunded.refund().get("status").asText());
        if (created) {
            webhooks.refund("refund.created", refunded);
            refunded = emulator.afterRefund(refunded);
        }
        return ok(refunded.refund());
    }

    private EmulatorServer.Handler guarded(EmulatorServer.Handler handler) {
        return request -> {
            try {
                byte[] given = request.header("Authorization").orElse("").getBytes(StandardCharsets.UTF_8);
                if (!MessageDigest.isEqual(given, expectedAuthorization)) {
                    throw ApiError.authentication();
                }
                return handler.handle(request);
            } catch (ApiError error) {
                return error.toResponse();
            }
        };
    }

    private static Response ok(ObjectNode entity) {
        return Response.json(200, Json.write(entity));
    }

    private static Response collection(List<ObjectNode> items) {
        ObjectNode collection = Json.MAPPER.createObjectNode();
        collection.put("entity", "collection");
        collection.put("count", items.size());
        ArrayNode array = collection.putArray("items");
        items.forEach(array::add);
        return ok(collection);
    }
}
