package dev.payledger.jdbc;

import java.util.Map;
import java.util.TreeMap;

/**
 * Writes and reads a flat JSON object of string values (checkout data, outbox event data) for a
 * {@code jsonb} column, without pulling a JSON library onto our users' class path. Reads what PostgreSQL
 * prints for such a {@code jsonb}: one object, string keys and values, standard escapes.
 */
final class FlatJson {
    private FlatJson() {
    }

    static String write(Map<String, String> map) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> entry : new TreeMap<>(map).entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            quote(json, entry.getKey()).append(':');
            quote(json, entry.getValue());
        }
        return json.append('}').toString();
    }

    static Map<String, String> read(String json) {
        Reader reader = new Reader(json);
        Map<String, String> map = new TreeMap<>();
        reader.expect('{');
        if (!reader.skipIf('}')) {
            do {
                String key = reader.string();
                reader.expect(':');
                map.put(key, reader.string());
            } while (reader.skipIf(','));
            reader.expect('}');
        }
        return Map.copyOf(map);
    }

    private static StringBuilder quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    private static final class Reader {
        private final String json;
        private int position;

        Reader(String json) {
            this.json = json;
        }

        void expect(char wanted) {
            if (!skipIf(wanted)) {
                throw new IllegalArgumentException("Expected '" + wanted + "' at " + position + " in a flat JSON object");
            }
        }

        boolean skipIf(char wanted) {
            while (position < json.length() && Character.isWhitespace(json.charAt(position))) {
                position++;
            }
            if (position < json.length() && json.charAt(position) == wanted) {
                position++;
                return true;
            }
            return false;
        }

        String string() {
            expect('"');
            StringBuilder text = new StringBuilder();
            while (true) {
                char c = json.charAt(position++);
                if (c == '"') {
                    return text.toString();
                }
                if (c != '\\') {
                    text.append(c);
                    continue;
                }
                char escaped = json.charAt(position++);
                switch (escaped) {
                    case 'n' -> text.append('\n');
                    case 'r' -> text.append('\r');
                    case 't' -> text.append('\t');
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'u' -> {
                        text.append((char) Integer.parseInt(json.substring(position, position + 4), 16));
                        position += 4;
                    }
                    default -> text.append(escaped);
                }
            }
        }
    }
}
