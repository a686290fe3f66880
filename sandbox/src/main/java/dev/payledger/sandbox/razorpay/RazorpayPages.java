package dev.payledger.sandbox.razorpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.EmulatorServer;
import dev.payledger.sandbox.Json;
import dev.payledger.sandbox.Request;
import dev.payledger.sandbox.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.Map;

/**
 * The payer's side: the stand-in {@code checkout.js}, the Checkout modal it opens (pay / fail / dismiss), and a
 * "scan the UPI QR" page that pays the order as a UPI app would.
 */
final class RazorpayPages {
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{\\{(\\w+)}}");
    private final RazorpayEmulator emulator;
    private final RazorpayBook book;

    RazorpayPages(RazorpayEmulator emulator, RazorpayBook book) {
        this.emulator = emulator;
        this.book = book;
    }

    void register(EmulatorServer server) {
        server.page("GET", "/v1/checkout.js", request -> Response.javascript(resource("checkout.js")));
        server.page("GET", "/checkout/modal", this::modal);
        server.page("POST", "/checkout/{order}/pay", request -> checkoutAction(request, true));
        server.page("POST", "/checkout/{order}/fail", request -> checkoutAction(request, false));
        server.page("GET", "/upi/{order}", request -> upiPage(request.param("order"), ""));
        server.page("POST", "/upi/{order}/pay", this::payByUpi);
    }

    private Response modal(Request request) {
        Map<String, String> query = request.query();
        String orderId = query.getOrDefault("order_id", "");
        String key = query.getOrDefault("key", "");
        String problem = "";
        String amount = "";
        try {
            JsonNode order = book.order(orderId);
            amount = displayAmount(order);
            if ("paid".equals(order.get("status").asText())) {
                problem = "This order has already been paid.";
            }
        } catch (ApiError e) {
            problem = "No such order: " + orderId;
        }
        if (!emulator.keyId().equals(key)) {
            problem = "Invalid key: Checkout was opened with a key that is not this account's key id.";
        }
        return Response.html(200, fill(resource("modal.html"), Map.of(
                "name", query.getOrDefault("name", ""), "description", query.getOrDefault("description", ""),
                "display_amount", amount, "order_id", orderId, "problem", problem,
                "disabled", problem.isEmpty() ? "" : "disabled"),
                Map.of("order_id_json", Json.write(orderId), "key_json", Json.write(key))));
    }

    private Response checkoutAction(Request request, boolean pay) {
        String orderId = request.param("order");
        if (!emulator.keyId().equals(request.form().get("key"))) {
            return Response.json(200, error("BAD_REQUEST_ERROR", "Invalid key id", orderId, null));
        }
        try {
            if (pay) {
                CheckoutResult result = emulator.pay(orderId, emulator.paidAmountOverride(), "card");
                return Response.json(200, Json.write(result.callback()));
            }
            String paymentId = emulator.fail(orderId);
            return Response.json(200, error("BAD_REQUEST_ERROR", "Payment failed", orderId, paymentId));
        } catch (IllegalStateException e) {
            return Response.json(200, error("BAD_REQUEST_ERROR", e.getMessage(), orderId, null));
        }
    }

    private Response payByUpi(Request request) {
        String orderId = request.param("order");
        try {
            CheckoutResult result = emulator.pay(orderId, emulator.paidAmountOverride(), "upi");
            return upiPage(orderId, "Paid: payment " + result.paymentId());
        } catch (IllegalStateException e) {
            return upiPage(orderId, e.getMessage());
        }
    }

    private Response upiPage(String orderId, String message) {
        JsonNode order;
        try {
            order = book.order(orderId);
        } catch (ApiError e) {
            return Response.html(404, "<!doctype html><title>UPI</title><p>No such order: " + escape(orderId) + "</p>");
        }
        String status = order.get("status").asText();
        return Response.html(200, fill(resource("upi.html"), Map.of("payee", "PayLedger sandbox merchant",
                "display_amount", displayAmount(order), "order_id", orderId, "status", status, "message", message,
                "disabled", "paid".equals(status) ? "disabled" : ""), Map.of()));
    }

    private static String error(String code, String description, String orderId, String paymentId) {
        ObjectNode error = Json.MAPPER.createObjectNode();
        error.put("code", code);
        error.put("description", description);
        error.put("source", "customer");
        error.put("step", "payment_authorization");
        error.put("reason", "payment_failed");
        ObjectNode metadata = error.putObject("metadata");
        metadata.put("order_id", orderId);
        if (paymentId != null) {
            metadata.put("payment_id", paymentId);
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("error", error);
        return Json.write(root);
    }

    private static String displayAmount(JsonNode order) {
        Currency currency = Currency.getInstance(order.get("currency").asText());
        String decimal = BigDecimal.valueOf(order.get("amount").asLong(), currency.getDefaultFractionDigits()).toPlainString();
        return "INR".equals(currency.getCurrencyCode()) ? "₹" + decimal : currency.getCurrencyCode() + " " + decimal;
    }

    /** Fills {@code {{name}}} in one pass: from {@code text} HTML-escaped, from {@code raw} (JSON) as it is. */
    private static String fill(String template, Map<String, String> text, Map<String, String> raw) {
        return PLACEHOLDER.matcher(template).replaceAll(match -> {
            String name = match.group(1);
            String value = raw.containsKey(name) ? raw.get(name).replace("</", "<\\/") : escape(text.getOrDefault(name, ""));
            return java.util.regex.Matcher.quoteReplacement(value);
        });
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String resource(String name) {
        try (InputStream in = RazorpayPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing sandbox resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
