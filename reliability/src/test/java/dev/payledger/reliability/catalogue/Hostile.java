package dev.payledger.reliability.catalogue;

import dev.payledger.reliability.support.Http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One hostile request of the catalogue and the answer it must get ({@code code} null: any error code). */
record Hostile(String name, String method, String path, Map<String, String> headers, byte[] body, int status,
               String code) {

    static Hostile webhook(String name, String provider, Map<String, String> headers, byte[] body, int status,
                           String code) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        all.putAll(headers);
        return new Hostile(name, "POST", "/webhooks/" + provider, all, body, status, code);
    }

    static Hostile api(String name, String method, String path, String token, String json, int status, String code) {
        return api(name, method, path, token, Map.of(), json == null ? null : json.getBytes(StandardCharsets.UTF_8),
                status, code);
    }

    static Hostile api(String name, String method, String path, String token, Map<String, String> extra, byte[] body,
                       int status, String code) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        if (token != null) {
            all.put("Authorization", token.contains(" ") ? token : "Bearer " + token);
        }
        all.putAll(extra);
        return new Hostile(name, method, path, all, body, status, code);
    }

    Http.Answer sendTo(String baseUrl) {
        return Http.send(method, baseUrl + path, headers, body);
    }

    @Override
    public String toString() {
        return name;
    }
}
