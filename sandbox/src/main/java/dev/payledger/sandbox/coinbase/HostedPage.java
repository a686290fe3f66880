package dev.payledger.sandbox.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.sandbox.EmulatorServer;
import dev.payledger.sandbox.Request;
import dev.payledger.sandbox.Response;

import java.util.Optional;

/**
 * The stand-in for Coinbase's hosted payment page: {@code GET /pay/{id}} shows what is owed with three
 * buttons (pay, fail, let it expire); each posts back and redirects to the success or fail URL given at
 * creation. Works for checkouts, payment links and Commerce charges (by code).
 */
final class HostedPage {
    private final CoinbaseEmulator emulator;
    private final BusinessApi business;
    private final CommerceApi commerce;

    HostedPage(CoinbaseEmulator emulator, BusinessApi business, CommerceApi commerce) {
        this.emulator = emulator;
        this.business = business;
        this.commerce = commerce;
    }

    void register(EmulatorServer server) {
        server.page("GET", "/pay/{id}", this::show);
        server.page("POST", "/pay/{id}/pay", request -> act(request, () -> emulator.pay(request.param("id")), true));
        server.page("POST", "/pay/{id}/fail", request -> act(request, () -> emulator.fail(request.param("id")), false));
        server.page("POST", "/pay/{id}/expire", request -> act(request, () -> emulator.expire(request.param("id")), false));
    }

    private Response show(Request request) {
        String id = request.param("id");
        Optional<Shown> shown = lookup(id);
        if (shown.isEmpty()) {
            return Response.html(404, "<!doctype html><title>Not found</title><p>No such checkout.</p>");
        }
        Shown page = shown.get();
        String escapedId = escape(id);
        return Response.html(200, "<!doctype html><html><head><meta charset=\"utf-8\"><title>Coinbase sandbox checkout</title>"
                + "</head><body><h1>Pay " + escape(page.amount) + "</h1><p>" + escape(page.description) + "</p>"
                + "<p>Status: <strong id=\"status\">" + escape(page.status) + "</strong></p>"
                + button(escapedId, "pay", "Pay with crypto (sandbox)")
                + button(escapedId, "fail", "Make the payment fail")
                + button(escapedId, "expire", "Let it expire")
                + "<p><small>Coinbase sandbox emulator &mdash; no real funds move.</small></p></body></html>");
    }

    private Response act(Request request, Runnable action, boolean paid) {
        String id = request.param("id");
        if (lookup(id).isEmpty()) {
            return Response.html(404, "<!doctype html><title>Not found</title><p>No such checkout.</p>");
        }
        try {
            action.run();
        } catch (IllegalStateException e) {
            return Response.html(409, "<!doctype html><title>Not possible</title><p>" + escape(e.getMessage()) + "</p>");
        }
        Optional<String> target = lookup(id).map(shown -> paid ? shown.successUrl : shown.failUrl)
                .filter(url -> url != null && !url.isEmpty());
        return target.map(Response::redirect).orElseGet(() -> Response.html(200,
                "<!doctype html><title>Done</title><p>" + (paid ? "Payment sent." : "Done.") + "</p>"));
    }

    private Optional<Shown> lookup(String id) {
        Optional<Shown> checkout = business.get(id).map(state -> new Shown(
                (state.fiatAmount != null ? state.fiatAmount.toPlainString() + " " + state.fiatCurrency
                        : state.amount.toPlainString() + " " + state.currency),
                state.description == null ? "" : state.description, state.toJson().path("status").asText(),
                state.successRedirectUrl, state.failRedirectUrl));
        return checkout.or(() -> commerce.find(id).map(charge -> {
            JsonNode local = charge.path("pricing").path("local");
            return new Shown(local.path("amount").asText() + " " + local.path("currency").asText(),
                    charge.path("name").asText(), CommerceApi.status(charge),
                    charge.path("redirect_url").asText(""), charge.path("cancel_url").asText(""));
        }));
    }

    private static String button(String id, String action, String label) {
        return "<form method=\"post\" action=\"/pay/" + id + "/" + action + "\"><button id=\"" + action + "\" type=\"submit\">"
                + label + "</button></form>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private record Shown(String amount, String description, String status, String successUrl, String failUrl) {
    }
}
