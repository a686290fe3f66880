package dev.payledger.razorpay;

import dev.payledger.core.payment.CheckoutRequest;
import dev.payledger.core.payment.CheckoutSession;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the page needs to open Razorpay Checkout for an order, and the UPI intent when one can be offered. */
final class CheckoutPage {
    private static final int UPI_NOTE_LENGTH = 50;
    private final RazorpayConfig config;

    CheckoutPage(RazorpayConfig config) {
        this.config = config;
    }

    CheckoutSession session(CheckoutRequest request, String orderId) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("key_id", config.keyId());
        data.put("order_id", orderId);
        data.put("amount", Long.toString(request.amount().minor()));
        data.put("currency", request.amount().currencyCode());
        data.put("name", config.payeeName());
        data.put("description", request.description());
        data.put("checkout_js", config.checkoutScript().toString());
        Optional<String> upi = upiIntent(request, orderId);
        upi.ifPresent(intent -> data.put("upi_intent", intent));
        return new CheckoutSession(orderId, data, upi);
    }

    private Optional<String> upiIntent(CheckoutRequest request, String orderId) {
        if (config.payeeVpa() == null || !"INR".equals(request.amount().currencyCode())) {
            return Optional.empty();
        }
        String note = request.description().isBlank() ? null : request.description().strip();
        if (note != null && note.length() > UPI_NOTE_LENGTH) {
            note = note.substring(0, UPI_NOTE_LENGTH);
        }
        return Optional.of(UpiIntent.to(config.payeeVpa(), config.payeeName()).reference(orderId)
                .amount(request.amount()).note(note).build().uri());
    }
}
