package dev.payledger.sandbox.coinbase;

import dev.payledger.sandbox.Json;
import dev.payledger.sandbox.Response;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Coinbase Business error answers: {@code {"errorType", "errorMessage", "correlationId"}}. */
final class BusinessErrors {
    private BusinessErrors() {
    }

    static Response error(int status, String type, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("errorType", type);
        body.put("errorMessage", message);
        body.put("correlationId", UUID.randomUUID().toString());
        return Response.json(status, Json.write(body));
    }

    static Response invalid(String message) {
        return error(400, "invalid_request", message);
    }

    static Response unauthorized(String message) {
        return error(401, "unauthorized", message);
    }

    static Response notFound(String what) {
        return error(404, "not_found", what + " not found");
    }

    /** An answer that stops a handler early. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Response response;

        Refusal(Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }
}
