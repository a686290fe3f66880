package dev.payledger.core.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** The JSON body of a host notification, written without a JSON library (core depends on the JDK only). */
final class NotificationBody {
    private NotificationBody() {
    }

    static byte[] of(OutboxEvent event) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "id", Long.toString(event.sequence())).append(',');
        field(json, "type", event.type()).append(',');
        field(json, "user_id", event.user().value()).append(',');
        field(json, "subject", event.subject()).append(',');
        field(json, "occurred_at", event.occurredAt().toString()).append(",\"data\":{");
        boolean first = true;
        for (Map.Entry<String, String> entry : new TreeMap<>(event.data()).entrySet()) {
            if (!first) {
                json.append(',');
            }
            field(json, entry.getKey(), entry.getValue());
            first = false;
        }
        return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        return string(string(json, name).append(':'), value);
    }

    private static StringBuilder string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }
}
