package dev.payledger.sandbox;

import com.sun.net.httpserver.Headers;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A request to an emulator: path parameters, query, lower-cased headers and the raw body. */
public record Request(String method, URI uri, Map<String, String> pathParams, Map<String, String> query,
                      Map<String, String> headers, byte[] body) {

    static Request of(String method, URI uri, Map<String, String> pathParams, Headers headers, byte[] body) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return new Request(method, uri, Map.copyOf(pathParams), Form.parse(uri.getRawQuery()), lower, body);
    }

    public String param(String name) {
        return pathParams.get(name);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as {@code application/x-www-form-urlencoded} fields (Stripe's request format). */
    public Map<String, String> form() {
        return Form.parse(bodyText());
    }

    /** Parses {@code a=1&b[c]=2} into an ordered map of decoded keys and values. */
    public static final class Form {
        private Form() {
        }

        public static Map<String, String> parse(String encoded) {
            Map<String, String> fields = new LinkedHashMap<>();
            if (encoded == null || encoded.isEmpty()) {
                return fields;
            }
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                fields.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
            return fields;
        }

    }
}
