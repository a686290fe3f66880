package dev.payledger.sandbox.razorpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The emulator's in-memory state: orders, payments and refunds, with Razorpay's state rules. Every method
 * takes the one lock, so operations are atomic; answers are JSON snapshots. Thread-safe.
 */
final class RazorpayBook {
    private final Map<String, OrderEntity> orders = new LinkedHashMap<>();
    /** Orders by receipt, oldest first, so {@code GET /v1/orders?receipt=} does not scan every order. */
    private final Map<String, List<OrderEntity>> byReceipt = new HashMap<>();
    private final Map<String, PaymentEntity> payments = new LinkedHashMap<>();
    private final Map<String, RefundEntity> refunds = new LinkedHashMap<>();
    private final Map<String, KeyedRefund> refundKeys = new LinkedHashMap<>();
    private final Supplier<Instant> clock;

    RazorpayBook(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** What an operation changed, as Razorpay would show it now; {@code refund} is null unless one changed. */
    record Snapshot(ObjectNode payment, ObjectNode order, ObjectNode refund) {
    }

    synchronized ObjectNode createOrder(long amount, String currency, String receipt, ObjectNode notes) {
        OrderEntity order = new OrderEntity(Hmac.id("order_"), amount, currency, receipt, notes, now());
        orders.put(order.id, order);
        if (receipt != null) {
            byReceipt.computeIfAbsent(receipt, r -> new ArrayList<>(1)).add(order);
        }
        return order.toJson();
    }

    synchronized ObjectNode order(String id) {
        return findOrder(id).toJson();
    }

    /** Newest first, as Razorpay lists them; {@code receipt} null for all orders. */
    synchronized List<ObjectNode> orders(String receipt) {
        Iterable<OrderEntity> matching = receipt == null ? orders.values() : byReceipt.getOrDefault(receipt, List.of());
        List<ObjectNode> found = new ArrayList<>();
        for (OrderEntity order : matching) {
            found.add(order.toJson());
        }
        java.util.Collections.reverse(found);
        return found;
    }

    synchronized List<ObjectNode> paymentsOf(String orderId) {
        List<ObjectNode> found = new ArrayList<>();
        for (String id : findOrder(orderId).paymentIds) {
            found.add(0, payments.get(id).toJson());
        }
        return found;
    }

    synchronized ObjectNode payment(String id) {
        return findPayment(id).toJson();
    }

    /** A payer completes checkout: the payment is authorized (captured later, by the account or the API). */
    synchronized Snapshot pay(String orderId, Long amountOverride, String method) {
        OrderEntity order = payableOrder(orderId);
        long amount = amountOverride == null ? order.amount : amountOverride;
        PaymentEntity payment = newPayment(order, amount, method, "authorized");
        return new Snapshot(payment.toJson(), order.toJson(), null);
    }

    synchronized Snapshot fail(String orderId, String method, String code, String description) {
        OrderEntity order = payableOrder(orderId);
        PaymentEntity payment = newPayment(order, order.amount, method, "failed");
        payment.errorCode = code;
        payment.errorDescription = description;
        return new Snapshot(payment.toJson(), order.toJson(), null);
    }

    synchronized Snapshot capture(String paymentId, long amount, String currency) {
        PaymentEntity payment = findPayment(paymentId);
        if (payment.captured()) {
            throw ApiError.badRequest("This payment has already been captured", null);
        }
        if (!"authorized".equals(payment.status)) {
            throw ApiError.badRequest("Only payments which have been authorized and not yet captured can be captured", null);
        }
        if (amount != payment.amount) {
            throw ApiError.badRequest("Capture amount must be equal to the amount authorized", "amount");
        }
        if (!payment.currency.equals(currency)) {
            throw ApiError.badRequest("Currency should be same as payment currency", "currency");
        }
        OrderEntity order = orders.get(payment.orderId);
        markCaptured(order, payment);
        return new Snapshot(payment.toJson(), order.toJson(), null);
    }

    /**
     * Creates a refund, or answers the refund already made under {@code idempotencyKey} when the request is
     * the same (a different request under the same key is refused).
     */
    synchronized Snapshot refund(String paymentId, RefundAsk ask, String idempotencyKey) {
        if (idempotencyKey != null) {
            KeyedRefund earlier = refundKeys.get(idempotencyKey);
            if (earlier != null) {
                if (!earlier.request().equals(ask.request())) {
                    throw ApiError.badRequest("Different request body sent for the same idempotency key", null);
                }
                RefundEntity refund = refunds.get(earlier.refundId());
                return snapshotOf(refund);
            }
        }
        PaymentEntity payment = findPayment(paymentId);
        if (!payment.captured()) {
            throw ApiError.badRequest("The payment has not been captured", null);
        }
        long refundable = payment.amount - payment.amountRefunded;
        if (refundable == 0) {
            throw ApiError.badRequest("The payment has been fully refunded already", null);
        }
        long amount = ask.amount() == null ? refundable : ask.amount();
        if (amount > refundable) {
            throw ApiError.badRequest("The refund amount provided is greater than amount captured", "amount");
        }
        RefundEntity refund = new RefundEntity(Hmac.id("rfnd_"), payment, amount, ask.receipt(), ask.notes(),
                ask.speed(), now());
        refunds.put(refund.id, refund);
        payment.amountRefunded += amount;
        if (payment.amountRefunded == payment.amount) {
            payment.status = "refunded";
        }
        if (idempotencyKey != null) {
            refundKeys.put(idempotencyKey, new KeyedRefund(ask.request(), refund.id));
        }
        return snapshotOf(refund);
    }

    /** A pending refund ends: processed, or failed (the money goes back to the payment's refundable amount). */
    synchronized Snapshot settleRefund(String refundId, boolean processed) {
        RefundEntity refund = refunds.get(refundId);
        if (refund == null) {
            throw ApiError.notFound();
        }
        if (!"pending".equals(refund.status)) {
            throw new IllegalStateException("Refund " + refundId + " is already " + refund.status);
        }
        refund.status = processed ? "processed" : "failed";
        if (!processed) {
            PaymentEntity payment = payments.get(refund.paymentId);
            payment.amountRefunded -= refund.amount;
            payment.status = "captured";
        }
        return snapshotOf(refund);
    }

    synchronized List<String> pendingRefunds() {
        return refunds.values().stream().filter(refund -> "pending".equals(refund.status)).map(refund -> refund.id).toList();
    }

    private Snapshot snapshotOf(RefundEntity refund) {
        PaymentEntity payment = payments.get(refund.paymentId);
        return new Snapshot(payment.toJson(), orders.get(payment.orderId).toJson(), refund.toJson());
    }

    private PaymentEntity newPayment(OrderEntity order, long amount, String method, String status) {
        PaymentEntity payment = new PaymentEntity(Hmac.id("pay_"), order, amount, method, status, now());
        payments.put(payment.id, payment);
        order.paymentIds.add(payment.id);
        order.attempts++;
        if ("created".equals(order.status)) {
            order.status = "attempted";
        }
        return payment;
    }

    private static void markCaptured(OrderEntity order, PaymentEntity payment) {
        payment.status = "captured";
        order.amountPaid += payment.amount;
        order.status = "paid";
    }

    private OrderEntity payableOrder(String orderId) {
        OrderEntity order = findOrder(orderId);
        if ("paid".equals(order.status)) {
            throw ApiError.badRequest("Order has already been paid", "order_id");
        }
        return order;
    }

    private OrderEntity findOrder(String id) {
        OrderEntity order = orders.get(id);
        if (order == null) {
            throw ApiError.notFound();
        }
        return order;
    }

    private PaymentEntity findPayment(String id) {
        PaymentEntity payment = payments.get(id);
        if (payment == null) {
            throw ApiError.notFound();
        }
        return payment;
    }

    private long now() {
        return clock.get().getEpochSecond();
    }

    /** A validated refund request; {@code request} is the body as sent, compared for idempotency. */
    record RefundAsk(Long amount, String speed, String receipt, ObjectNode notes, JsonNode request) {
    }

    private record KeyedRefund(JsonNode request, String refundId) {
    }
}
