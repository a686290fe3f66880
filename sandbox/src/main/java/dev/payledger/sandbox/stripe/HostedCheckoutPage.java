package dev.payledger.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.sandbox.EmulatorServer;
import dev.payledger.sandbox.Request;
import dev.payledger.sandbox.Response;

/**
 * The stand-in for Stripe's hosted Checkout page at {@code /c/pay/{id}}: the payer pays by card, has the card
 * declined, picks a delayed method (and later lets the bank confirm or reject it), or goes back to the merchant.
 * Stateless; the state lives in the {@link StripeStore}.
 */
final class HostedCheckoutPage {
    private final StripeStore store;

    HostedCheckoutPage(StripeStore store) {
        this.store = store;
    }

    void install(EmulatorServer server) {
        server.page("GET", "/c/pay/{id}", this::show);
        server.page("POST", "/c/pay/{id}/{action}", this::act);
    }

    private Response show(Request request) {
        JsonNode session;
        try {
            session = store.session(request.param("id"));
        } catch (StripeError error) {
            return Response.html(404, page("Checkout not found", "<p>This checkout link is not valid.</p>"));
        }
        String id = escape(session.path("id").asText());
        String amount = session.path("amount_total").asLong() + " " + session.path("currency").asText().toUpperCase()
                + " (minor units)";
        String status = session.path("status").asText();
        String paymentStatus = session.path("payment_status").asText();
        StringBuilder body = new StringBuilder("<p>Session <code>").append(id).append("</code>: <strong>")
                .append(escape(amount)).append("</strong></p><p id=\"status\">").append(escape(status)).append(" / ")
                .append(escape(paymentStatus)).append("</p>");
        if ("declined".equals(request.query().get("error"))) {
            body.append("<p id=\"error\" style=\"color:#c00\">Your card was declined.</p>");
        }
        if ("open".equals(status)) {
            body.append(button(id, "pay", "Pay by card")).append(button(id, "decline", "Use a card that is declined"))
                    .append(button(id, "delayed", "Pay with a delayed method (bank debit)"))
                    .append(button(id, "cancel", "Back to the merchant"));
        } else if ("complete".equals(status) && "unpaid".equals(paymentStatus)) {
            body.append("<p>The bank has not confirmed the payment yet.</p>")
                    .append(button(id, "async-success", "Bank confirms the payment"))
                    .append(button(id, "async-failure", "Bank rejects the payment"));
        }
        return Response.html(200, page("Stripe Checkout (PayLedger sandbox)", body.toString()));
    }

    private Response act(Request request) {
        String id = request.param("id");
        String action = request.param("action");
        try {
            switch (action) {
                case "pay" -> store.pay(id);
                case "delayed" -> store.payDelayed(id);
                case "decline" -> {
                    store.decline(id);
                    return Response.redirect("/c/pay/" + id + "?error=declined");
                }
                case "async-success" -> store.completeDelayed(id, true);
                case "async-failure" -> store.completeDelayed(id, false);
                case "cancel" -> {
                    String cancelUrl = store.session(id).path("cancel_url").asText("");
                    return Response.redirect(cancelUrl.isEmpty() ? "/c/pay/" + id : cancelUrl);
                }
                default -> {
                    return Response.html(404, page("Unknown action", "<p>Unknown action.</p>"));
                }
            }
        } catch (StripeError error) {
            return Response.html(409, page("Not possible", "<p>" + escape(error.getMessage()) + "</p>"));
        }
        if (action.startsWith("async-")) {
            return Response.redirect("/c/pay/" + id);
        }
        String successUrl = store.session(id).path("success_url").asText();
        return Response.redirect(successUrl.replace("{CHECKOUT_SESSION_ID}", id));
    }

    private static String button(String id, String action, String label) {
        return "<form method=\"post\" action=\"/c/pay/" + id + "/" + action + "\"><button type=\"submit\" id=\""
                + action + "\">" + escape(label) + "</button></form>";
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head>"
                + "<body style=\"font-family:sans-serif;max-width:32rem;margin:2rem auto\"><h1>" + escape(title)
                + "</h1>" + body + "</body></html>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
