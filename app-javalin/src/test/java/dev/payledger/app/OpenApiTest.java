package dev.payledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.router.ParsedEndpoint;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written OpenAPI document stays true to the routes Javalin actually serves, both ways. */
class OpenApiTest {
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
        TestApp app = TestApp.shared();
        JsonNode document = app.get("/openapi.json", null).json();
        assertThat(document.path("openapi").asText()).startsWith("3.");

        Set<String> served = new TreeSet<>();
        for (ParsedEndpoint parsed : app.app().routes()) {
            String method = parsed.endpoint.method.name();
            if (HTTP_METHODS.contains(method)) {
                served.add(method + " " + parsed.endpoint.path);
            }
        }
        Set<String> documented = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));

        assertThat(served).hasSizeGreaterThan(25);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
    }
}
