package dev.payledger.coinbase;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;

/** Reads Coinbase's error answers, in any of the shapes its APIs use, into a {@link CoinbaseException}. */
final class CoinbaseErrors {
    private static final int MAX_MESSAGE = 200;

    private CoinbaseErrors() {
    }

    static CoinbaseException from(int status, String body, String method, String path) {
        String type = null;
        String message = null;
        String correlationId = null;
        try {
            JsonNode json = body == null || body.isBlank() ? null : CoinbaseHttp.JSON.readTree(body);
            if (json != null && json.isObject()) {
                if (json.has("errorType") || json.has("errorMessage")) {
                    type = text(json.get("errorType"));
                    message = text(json.get("errorMessage"));
                    correlationId = text(json.get("correlationId"));
                } else if (json.path("errors").isArray() && json.path("errors").size() > 0) {
                    JsonNode first = json.path("errors").get(0);
                    type = text(first.get("id"));
                    message = text(first.get("message"));
                } else if (json.path("error").isObject()) {
                    JsonNode error = json.get("error");
                    type = text(error.has("type") ? error.get("type") : error.get("code"));
                    message = text(error.get("message"));
                }
            }
        } catch (IOException e) {
            // not JSON: status only
        }
        boolean retryable = status == 429 || status >= 500 || status == 408;
        StringBuilder text = new StringBuilder("Coinbase answered ").append(status).append(" to ").append(method)
                .append(' ').append(path);
        if (type != null) {
            text.append(": ").append(type);
        }
        if (message != null) {
            text.append(" (").append(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message)
                    .append(')');
        }
        return new CoinbaseException(text.toString(), retryable, status, type, correlationId, null);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
