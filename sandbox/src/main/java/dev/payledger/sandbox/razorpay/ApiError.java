package dev.payledger.sandbox.razorpay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.Json;
import dev.payledger.sandbox.Response;

/** An error answer in Razorpay's shape, thrown inside the emulator and turned into a response by the API. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final String field;
    private final String reason;

    private ApiError(int status, String code, String description, String field, String reason) {
        super(description);
        this.status = status;
        this.code = code;
        this.field = field;
        this.reason = reason;
    }

    static ApiError badRequest(String description, String field) {
        return new ApiError(400, "BAD_REQUEST_ERROR", description, field, "input_validation_failed");
    }

    static ApiError notFound() {
        return new ApiError(400, "BAD_REQUEST_ERROR", "The id provided does not exist", "id", "input_validation_failed");
    }

    static ApiError authentication() {
        return new ApiError(401, "BAD_REQUEST_ERROR", "Authentication failed", null, "NA");
    }

    static ApiError conflict(String description) {
        return new ApiError(409, "BAD_REQUEST_ERROR", description, null, "request_conflict");
    }

    /** Razorpay's side failed; {@code description} says how. */
    static ApiError serverError(int status, String description) {
        return new ApiError(status, "SERVER_ERROR", description, null, "server_error");
    }

    int status() {
        return status;
    }

    Response toResponse() {
        ObjectNode error = Json.MAPPER.createObjectNode();
        error.put("code", code);
        error.put("description", getMessage());
        error.put("source", status == 401 ? "NA" : "business");
        error.put("step", status == 401 ? "NA" : "payment_initiation");
        error.put("reason", reason);
        error.putObject("metadata");
        if (field != null) {
            error.put("field", field);
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("error", error);
        return Response.json(status, Json.write(root));
    }
}
