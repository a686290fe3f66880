package dev.payledger.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.Json;
import dev.payledger.sandbox.Response;

/**
 * An error answer in Stripe's shape, {@code {"error":{"type","code","message","param"}}}, thrown by the API
 * handlers and turned into a response in one place.
 */
final class StripeError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String type;
    private final String code;
    private final String param;

    StripeError(int status, String type, String code, String message, String param) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    static StripeError invalid(String code, String message, String param) {
        return new StripeError(400, "invalid_request_error", code, message, param);
    }

    static StripeError missing(String param) {
        return invalid("parameter_missing", "Missing required param: " + param + ".", param);
    }

    static StripeError notFound(String kind, String param, String id) {
        return new StripeError(404, "invalid_request_error", "resource_missing",
                "No such " + kind + ": '" + id + "'", param);
    }

    Response toResponse() {
        ObjectNode error = Json.MAPPER.createObjectNode();
        error.put("type", type);
        if (code != null) {
            error.put("code", code);
        }
        error.put("message", getMessage());
        if (param != null) {
            error.put("param", param);
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("error", error);
        return Response.json(status, Json.write(root));
    }
}
