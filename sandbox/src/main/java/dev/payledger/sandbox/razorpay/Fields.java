package dev.payledger.sandbox.razorpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payledger.sandbox.Json;

import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/** Razorpay's request validation rules, each failure an {@link ApiError} naming the field. */
final class Fields {
    static final Set<String> CURRENCIES = Set.of("INR", "USD", "EUR", "GBP", "SGD", "AED", "AUD", "CAD", "JPY");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_-]{10,}");

    private Fields() {
    }

    static ObjectNode object(String body) {
        JsonNode node;
        try {
            node = body.isBlank() ? Json.MAPPER.createObjectNode() : Json.read(body);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("The request body is not valid JSON", null);
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiError.badRequest("The request body must be a JSON object", null);
        }
        return object;
    }

    static void onlyKnown(ObjectNode body, Set<String> known) {
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiError.badRequest(name + " is/are not required and should not be sent", name);
            }
        }
    }

    /** An amount in subunits of at least 100 (one rupee); null when absent and not required. */
    static Long amount(ObjectNode body, boolean required) {
        JsonNode amount = body.get("amount");
        if (amount == null || amount.isNull()) {
            if (required) {
                throw ApiError.badRequest("The amount field is required.", "amount");
            }
            return null;
        }
        if (!amount.isIntegralNumber() && !(amount.isTextual() && amount.asText().matches("\\d{1,15}"))) {
            throw ApiError.badRequest("The amount must be an integer.", "amount");
        }
        long value = amount.asLong();
        if (value < 100) {
            throw ApiError.badRequest("The amount must be atleast INR 1.00", "amount");
        }
        return value;
    }

    static String currency(ObjectNode body) {
        JsonNode currency = body.get("currency");
        if (currency == null || currency.isNull() || currency.asText().isEmpty()) {
            throw ApiError.badRequest("The currency field is required.", "currency");
        }
        if (!CURRENCIES.contains(currency.asText())) {
            throw ApiError.badRequest("Currency is not supported", "currency");
        }
        return currency.asText();
    }

    static String receipt(ObjectNode body) {
        JsonNode receipt = body.get("receipt");
        if (receipt == null || receipt.isNull()) {
            return null;
        }
        if (!receipt.isTextual()) {
            throw ApiError.badRequest("The receipt must be a string.", "receipt");
        }
        if (receipt.asText().length() > 40) {
            throw ApiError.badRequest("The receipt may not be greater than 40 characters.", "receipt");
        }
        return receipt.asText();
    }

    /** At most 15 notes of at most 256 characters each. */
    static ObjectNode notes(ObjectNode body) {
        JsonNode notes = body.get("notes");
        if (notes == null || notes.isNull() || (notes.isArray() && notes.isEmpty())) {
            return Json.MAPPER.createObjectNode();
        }
        if (!notes.isObject()) {
            throw ApiError.badRequest("The notes must be an array.", "notes");
        }
        if (notes.size() > 15) {
            throw ApiError.badRequest("Number of fields in notes should be less than or equal to 15", "notes");
        }
        for (JsonNode value : notes) {
            if (value.isContainerNode() || value.asText().length() > 256) {
                throw ApiError.badRequest("Notes values must be strings of at most 256 characters", "notes");
            }
        }
        return (ObjectNode) notes.deepCopy();
    }

    static String speed(ObjectNode body) {
        JsonNode speed = body.get("speed");
        String value = speed == null || speed.isNull() ? "normal" : speed.asText();
        if (!value.equals("normal") && !value.equals("optimum")) {
            throw ApiError.badRequest("The selected speed is invalid.", "speed");
        }
        return value;
    }

    static String idempotencyKey(String key) {
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ApiError.badRequest("X-Refund-Idempotency must be at least 10 characters of A-Z, a-z, 0-9, _ and -", null);
        }
        return key;
    }

    /** Razorpay writes empty notes as an empty array, not an object. */
    static void putNotes(ObjectNode json, ObjectNode notes) {
        if (notes.isEmpty()) {
            json.putArray("notes");
        } else {
            json.set("notes", notes.deepCopy());
        }
    }
}
