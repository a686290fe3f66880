package dev.payledger.sandbox.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.sandbox.Json;
import dev.payledger.sandbox.coinbase.BusinessErrors.Refusal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads and validates Coinbase Business request bodies as the API does; bad ones become 400 invalid_request. */
final class CheckoutRequests {
    private static final Pattern AMOUNT = Pattern.compile("^\\d+(\\.\\d{1,2})?$");
    private static final BigDecimal MIN = new BigDecimal("0.01");
    private static final BigDecimal MAX = new BigDecimal("100000000");
    /** Emulated conversion into USDC at creation (a fixed, made-up rate per fiat currency). */
    private static final Map<String, BigDecimal> USDC_PER_UNIT = Map.of("USD", BigDecimal.ONE,
            "EUR", new BigDecimal("1.08"), "GBP", new BigDecimal("1.27"), "SGD", new BigDecimal("0.74"));
    private static final SecureRandom RANDOM = new SecureRandom();

    private CheckoutRequests() {
    }

    static CheckoutState parse(String resource, String text, Instant now, URI pageBase) {
        JsonNode body = object(text);
        BigDecimal amount = amount(body.path("amount"), "amount");
        String currency = body.path("currency").asText("USDC");
        BigDecimal crypto = amount;
        BigDecimal fiat = null;
        String fiatCurrency = null;
        if (!"USDC".equals(currency)) {
            BigDecimal rate = USDC_PER_UNIT.get(currency);
            if (rate == null) {
                throw refuse("currency must be USDC, USD, EUR, GBP or SGD");
            }
            fiat = amount;
            fiatCurrency = currency;
            crypto = amount.multiply(rate).setScale(2, RoundingMode.HALF_UP);
        }
        String network = body.path("network").asText("base");
        if (!"base".equals(network)) {
            throw refuse("network must be base");
        }
        String description = optionalText(body, "description", 500);
        Instant expiresAt = now.plus(Duration.ofDays(1));
        if (body.hasNonNull("expiresAt")) {
            try {
                expiresAt = OffsetDateTime.parse(body.get("expiresAt").asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw refuse("expiresAt must be an RFC 3339 timestamp");
            }
            if (!expiresAt.isAfter(now)) {
                throw refuse("expiresAt must be in the future");
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode meta = body.path("metadata");
        if (!meta.isMissingNode() && !meta.isNull()) {
            if (!meta.isObject()) {
                throw refuse("metadata must be an object of strings");
            }
            for (var entry : meta.properties()) {
                if (!entry.getValue().isTextual()) {
                    throw refuse("metadata values must be strings");
                }
                metadata.put(entry.getKey(), entry.getValue().asText());
            }
        }
        String success = redirect(body, "successRedirectUrl");
        String fail = redirect(body, "failRedirectUrl");
        String id = randomHex(24, "");
        return new CheckoutState(id, resource, crypto, "USDC", fiat, fiatCurrency, description, expiresAt, metadata,
                success, fail, now, pageBase.resolve("/pay/" + id).toString(), randomHex(40, "0x"));
    }

    static CheckoutState.RefundState parseRefund(CheckoutState state, String text, Instant now) {
        if (!"COMPLETED".equals(state.status) && !"PARTIALLY_REFUNDED".equals(state.status)) {
            throw refuse("Only COMPLETED or PARTIALLY_REFUNDED checkouts can be refunded; this one is " + state.status);
        }
        JsonNode body = object(text);
        BigDecimal amount = amount(body.path("amount"), "amount");
        String currency = body.path("currency").asText(state.refundCurrency());
        if (!currency.equals(state.refundCurrency())) {
            throw refuse("currency must be " + state.refundCurrency() + " for this checkout");
        }
        BigDecimal remaining = state.refundBase().subtract(state.refunded(true));
        if (amount.compareTo(remaining) > 0) {
            throw refuse("amount exceeds the remaining refundable amount " + remaining.toPlainString());
        }
        return new CheckoutState.RefundState(randomHex(24, ""), state.id, amount, currency,
                optionalText(body, "reason", 500), now);
    }

    static int intParam(String value, int fallback, int min, int max, String name) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw refuse(name + " must be between " + min + " and " + max);
    }

    static String randomHex(int length, String prefix) {
        byte[] bytes = new byte[(length + 1) / 2];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes).substring(0, length);
    }

    private static JsonNode object(String text) {
        JsonNode body;
        try {
            body = Json.read(text);
        } catch (IllegalArgumentException e) {
            throw refuse("request body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw refuse("request body must be a JSON object");
        }
        return body;
    }

    private static BigDecimal amount(JsonNode node, String name) {
        if (!node.isTextual() || !AMOUNT.matcher(node.asText()).matches()) {
            throw refuse(name + " must be a decimal string with at most 2 decimals");
        }
        BigDecimal value = new BigDecimal(node.asText());
        if (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
            throw refuse(name + " must be between 0.01 and 100000000");
        }
        return value;
    }

    private static String optionalText(JsonNode body, String name, int max) {
        if (!body.hasNonNull(name)) {
            return null;
        }
        String value = body.get(name).asText();
        if (value.length() > max) {
            throw refuse(name + " must be at most " + max + " characters");
        }
        return value;
    }

    /** Coinbase wants {@code https://} redirects; the emulator also lets plain http through for loopback hosts. */
    private static String redirect(JsonNode body, String name) {
        String value = optionalText(body, name, 2048);
        if (value == null) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw refuse(name + " must be a URL");
        }
        boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
            throw refuse(name + " must be an https:// URL");
        }
        return value;
    }

    private static Refusal refuse(String message) {
        return new Refusal(BusinessErrors.invalid(message));
    }
}
