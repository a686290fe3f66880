package dev.payledger.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An emulator's answer. */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static Response json(int status, String json) {
        return new Response(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Response json(int status, Object value) {
        return json(status, Json.write(value));
    }

    public static Response html(int status, String html) {
        return new Response(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Response javascript(String script) {
        return new Response(200, "application/javascript; charset=utf-8", script.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Response redirect(String location) {
        return new Response(303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
    }

    public Response withHeader(String name, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Response(status, contentType, body, Map.copyOf(copy));
    }
}
