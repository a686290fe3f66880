package dev.payledger.sandbox.razorpay;

import java.util.Map;

/**
 * What Razorpay Checkout hands the page's {@code handler} after a successful payment: the order id, the
 * payment id and the signature HMAC-SHA256(key secret, {@code order_id|payment_id}).
 */
public record CheckoutResult(String orderId, String paymentId, String signature) {
    /** The fields as the handler receives them ({@code razorpay_order_id}, …), ready to post to the server. */
    public Map<String, String> callback() {
        return Map.of("razorpay_order_id", orderId, "razorpay_payment_id", paymentId, "razorpay_signature", signature);
    }
}
