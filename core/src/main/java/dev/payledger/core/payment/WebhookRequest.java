package dev.payledger.core.payment;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A webhook as it arrived: headers (looked up case-insensitively), the raw body bytes exactly as received
 * (signatures are computed over them) and when it arrived (for timestamp tolerance checks).
 */
public record WebhookRequest(Map<String, String> headers, byte[] body, Instant receivedAt) {
    public WebhookRequest {
        TreeMap<String, String> lower = new TreeMap<>();
        Objects.requireNonNull(headers, "headers").forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = java.util.Collections.unmodifiableMap(lower);
        body = Objects.requireNonNull(body, "body").clone();
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
