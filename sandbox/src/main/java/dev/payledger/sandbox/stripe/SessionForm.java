package dev.payledger.sandbox.stripe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code POST /v1/checkout/sessions} form fields as stripe-java encodes them ({@code
 * line_items[0][price_data][unit_amount]}, {@code metadata[order_id]}) and checks them as Stripe does.
 */
final class SessionForm {
    private static final List<String> KNOWN = List.of("mode", "success_url", "cancel_url", "client_reference_id",
            "expires_at", "customer_email", "locale", "line_items[", "metadata[", "payment_intent_data[metadata][",
            "payment_method_types[", "expand[");
    private static final Pattern CURRENCY = Pattern.compile("[a-z]{3}");
    private static final long MIN_EXPIRY = 30 * 60;
    private static final long MAX_EXPIRY = 24 * 60 * 60;

    private SessionForm() {
    }

    static SessionRecord parse(Map<String, String> form, String id, String hostedUrl, long now) {
        form.keySet().stream().filter(key -> KNOWN.stream().noneMatch(key::startsWith)).findFirst().ifPresent(key -> {
            throw StripeError.invalid("parameter_unknown", "Received unknown parameter: " + key, key);
        });
        if (!"payment".equals(required(form, "mode"))) {
            throw StripeError.invalid("parameter_invalid_string", "This emulator supports mode=payment only.", "mode");
        }
        String successUrl = required(form, "success_url");
        List<SessionRecord.LineItem> items = new ArrayList<>();
        String currency = null;
        for (int i = 0; form.containsKey("line_items[" + i + "][quantity]") || hasPriceData(form, i); i++) {
            String prefix = "line_items[" + i + "]";
            String lineCurrency = required(form, prefix + "[price_data][currency]");
            if (!CURRENCY.matcher(lineCurrency).matches()) {
                throw StripeError.invalid("parameter_invalid_string", "Invalid currency: " + lineCurrency,
                        prefix + "[price_data][currency]");
            }
            if (currency != null && !currency.equals(lineCurrency)) {
                throw StripeError.invalid(null, "All line items must share one currency.", prefix);
            }
            currency = lineCurrency;
            items.add(new SessionRecord.LineItem(required(form, prefix + "[price_data][product_data][name]"),
                    integer(form, prefix + "[price_data][unit_amount]", 0), integer(form, prefix + "[quantity]", 1)));
        }
        if (items.isEmpty()) {
            throw StripeError.missing("line_items");
        }
        long expiresAt = form.containsKey("expires_at") ? integer(form, "expires_at", 0) : now + MAX_EXPIRY;
        if (expiresAt < now + MIN_EXPIRY || expiresAt > now + MAX_EXPIRY) {
            throw StripeError.invalid("parameter_invalid_integer", "The `expires_at` timestamp must be between 30 "
                    + "minutes and 24 hours from Checkout Session creation.", "expires_at");
        }
        String reference = form.get("client_reference_id");
        if (reference != null && reference.length() > 200) {
            throw StripeError.invalid("parameter_invalid_string", "client_reference_id is longer than 200 characters.",
                    "client_reference_id");
        }
        return new SessionRecord(id, currency, items, reference, metadata(form, "metadata"),
                metadata(form, "payment_intent_data[metadata]"), successUrl, form.get("cancel_url"), hostedUrl, now,
                expiresAt);
    }

    /** The {@code prefix[key]=value} fields, checked against Stripe's metadata limits. */
    static Map<String, String> metadata(Map<String, String> form, String prefix) {
        Map<String, String> metadata = new LinkedHashMap<>();
        form.forEach((key, value) -> {
            if (key.startsWith(prefix + "[") && key.endsWith("]") && key.indexOf('[', prefix.length() + 1) < 0) {
                String name = key.substring(prefix.length() + 1, key.length() - 1);
                if (name.isEmpty() || name.length() > 40 || value.length() > 500) {
                    throw StripeError.invalid("parameter_invalid_string", "Metadata keys are at most 40 characters and "
                            + "values at most 500.", key);
                }
                metadata.put(name, value);
            }
        });
        if (metadata.size() > 50) {
            throw StripeError.invalid(null, "Metadata holds at most 50 keys.", prefix);
        }
        return metadata;
    }

    static long integer(Map<String, String> form, String key, long min) {
        String value = required(form, key);
        try {
            long number = Long.parseLong(value);
            if (number < min) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw StripeError.invalid("parameter_invalid_integer", "Invalid integer: " + value, key);
        }
    }

    static String required(Map<String, String> form, String key) {
        String value = form.get(key);
        if (value == null || value.isEmpty()) {
            throw StripeError.missing(key);
        }
        return value;
    }

    private static boolean hasPriceData(Map<String, String> form, int index) {
        return form.keySet().stream().anyMatch(key -> key.startsWith("line_items[" + index + "]"));
    }
}
