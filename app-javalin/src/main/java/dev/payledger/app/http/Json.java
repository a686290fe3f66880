package dev.payledger.app.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** JSON in and out: request bodies read as trees (snake_case fields), answers built as ordered maps. */
public final class Json {
    /** Refuses a body that names a field twice ({@code {"amount_minor":1,"amount_minor":999}}): it is ambiguous. */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private Json() {
    }

    /** The body as an object; an empty body is an empty object. */
    public static ObjectNode object(String body) {
        if (body == null || body.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (!(node instanceof ObjectNode)) {
                throw ApiException.badRequest("invalid_json", "The body must be a JSON object");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            throw ApiException.badRequest("invalid_json", why != null && why.startsWith("Duplicate field")
                    ? "The body names a field twice: " + why : "The body is not valid JSON");
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    public static String requiredText(JsonNode body, String field) {
        return optionalText(body, field).orElseThrow(() ->
                ApiException.badRequest("invalid_request", "Field " + field + " is required"));
    }

    public static Optional<String> optionalText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw ApiException.badRequest("invalid_request", "Field " + field + " must be a non-empty string");
        }
        return Optional.of(node.asText());
    }

    /**
     * Refuses a body with a field outside {@code accepted} (400 {@code unknown_field}), so that a misspelt field
     * is an error rather than silently ignored.
     */
    public static void onlyFields(JsonNode body, Set<String> accepted) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!accepted.contains(name)) {
                throw ApiException.badRequest("unknown_field", "Field " + name + " is not accepted here; accepted: "
                        + String.join(", ", accepted.stream().sorted().toList()));
            }
        }
    }

    /** A JSON {@code true} or {@code false}; absent or null is empty; anything else ({@code "yes"}, 1) is a 400. */
    public static Optional<Boolean> optionalBoolean(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest("invalid_request", "Field " + field + " must be true or false");
        }
        return Optional.of(node.booleanValue());
    }

    /**
     * A JSON integer that fits a {@code long}; absent is empty; null, strings ({@code "500"}), fractions
     * ({@code 12.7}, also {@code 12.0}), booleans and integers beyond 64 bits are a 400 (never coerced).
     */
    public static Optional<Long> optionalWholeNumber(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ApiException.badRequest("invalid_request", "Field " + field
                    + " must be a whole number (a JSON integer, not a string or a fraction)");
        }
        return Optional.of(node.longValue());
    }

    /** An ordered map from alternating keys and values. */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
