package dev.payledger.app.http;

/** A tiny page at {@code /} saying what runs and where to look; the real pages come later. */
final class LandingPage {
    private LandingPage() {
    }

    static String render(Api api, String paymentId, String result) {
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>PayLedger</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;"
                + "line-height:1.5}code{background:#f3f3f3;padding:0 .2rem}.sandbox{background:#fff3cd;"
                + "padding:.5rem 1rem;border-left:4px solid #e0a800}</style></head><body><h1>PayLedger</h1>");
        if (paymentId != null) {
            html.append("<p>Back from the checkout of payment <code>").append(escape(paymentId)).append("</code> (")
                    .append(escape(result == null ? "unknown" : result)).append("). Its real state: <a href=\"")
                    .append("/api/payments/").append(escape(paymentId)).append("\">GET /api/payments/")
                    .append(escape(paymentId)).append("</a> (with your token).</p>");
        }
        if (api.sandbox()) {
            html.append("<p class=\"sandbox\"><strong>Sandbox mode.</strong> The providers are local emulators with "
                    + "fixed test keys; no real money moves. Get a demo token with <code>POST /sandbox/login</code> "
                    + "<code>{\"user\":\"alice\"}</code>.</p>");
        }
        html.append("<p>Payment providers: <strong>").append(escape(String.join(", ",
                api.payLedger().providers().names()))).append("</strong>.</p><ul>"
                + "<li><a href=\"/pricing.html\"><strong>Buy credits</strong></a> (the shop), "
                + "<a href=\"/wallet.html\">wallet</a>, <a href=\"/admin.html\">admin dashboard</a></li>"
                + "<li><a href=\"/openapi.json\">/openapi.json</a>: the HTTP API</li>"
                + "<li><a href=\"/api/catalog\">/api/catalog</a>: packages, products and features</li>"
                + "<li><a href=\"/health\">/health</a> and <a href=\"/metrics\">/metrics</a></li></ul>"
                + "</body></html>");
        return html.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
