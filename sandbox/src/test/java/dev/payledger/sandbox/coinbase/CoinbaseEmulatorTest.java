package dev.payledger.sandbox.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.sandbox.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CoinbaseEmulatorTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static CoinbaseEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = CoinbaseEmulator.start(0);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void listsCheckoutsNewestFirstInPagesWithATokenForTheNext() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(create("checkouts", "{\"amount\":\"1.0" + i + "\",\"currency\":\"USD\"}", null).statusCode()).isEqualTo(201);
        }

        JsonNode first = Json.read(call("GET", "/api/v1/checkouts", "?pageSize=2", null, null, "uri").body());
        JsonNode second = Json.read(call("GET", "/api/v1/checkouts", "?pageSize=2&pageToken="
                + first.path("nextPageToken").asText(), null, null, "uri").body());

        assertThat(first.path("checkouts")).hasSize(2);
        assertThat(first.path("checkouts").get(0).path("fiatAmount").asText()).isEqualTo("1.02");
        assertThat(second.path("checkouts").size()).isGreaterThanOrEqualTo(1);
        assertThat(second.path("checkouts").get(0).path("fiatAmount").asText()).isEqualTo("1.00");
    }

    @Test
    void acceptsTheSdksUrisClaimAndDeactivatesByDeleteToo() throws Exception {
        String id = Json.read(create("payment-links", "{\"amount\":\"5.00\"}", null).body()).path("id").asText();

        HttpResponse<String> deleted = call("DELETE", "/sandbox/api/v1/payment-links/" + id, "", null, null, "uris");

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(Json.read(deleted.body()).path("status").asText()).isEqualTo("DEACTIVATED");
    }

    @Test
    void badBodiesAnswerInvalidRequestAndAReusedKeyWithAnotherBodyAnIdempotencyError() throws Exception {
        String key = UUID.randomUUID().toString();

        HttpResponse<String> bad = create("checkouts", "{\"amount\":\"1.234\"}", null);
        HttpResponse<String> first = create("checkouts", "{\"amount\":\"2.00\"}", key);
        HttpResponse<String> again = create("checkouts", "{\"amount\":\"2.00\"}", key);
        HttpResponse<String> other = create("checkouts", "{\"amount\":\"3.00\"}", key);

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Json.read(bad.body()).path("errorType").asText()).isEqualTo("invalid_request");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(Json.read(other.body()).path("errorType").asText()).isEqualTo("idempotency_error");
    }

    @Test
    void aRequestWithoutATokenIsUnauthorized() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(emulator.businessApiUrl() + "/checkouts"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Json.read(response.body()).path("errorType").asText()).isEqualTo("unauthorized");
    }

    @Test
    void hostedPagePaysAndRedirectsToTheSuccessUrl() throws Exception {
        String id = Json.read(create("checkouts", "{\"amount\":\"4.00\",\"successRedirectUrl\":\"http://localhost/ok\"}", null)
                .body()).path("id").asText();

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUri() + "/pay/" + id)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> paid = HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUri() + "/pay/" + id + "/pay"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.body()).contains("4.00 USDC").contains("id=\"pay\"");
        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location")).contains("http://localhost/ok");
        assertThat(emulator.status(id)).contains("COMPLETED");
    }

    @Test
    void commerceChargeIsReadableByCodeAndByIdWithTheApiKey() throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(emulator.commerceApiUrl() + "/charges"))
                .header("X-CC-Api-Key", CoinbaseEmulator.TEST_COMMERCE_API_KEY).header("X-CC-Version", "2018-03-22")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"starter\",\"pricing_type\":\"fixed_price\","
                        + "\"local_price\":{\"amount\":\"0.99\",\"currency\":\"USD\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode charge = Json.read(created.body()).path("data");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(emulator.status(charge.path("code").asText())).contains("NEW");
        assertThat(emulator.status(charge.path("id").asText())).contains("NEW");
    }

    private static HttpResponse<String> create(String resource, String body, String idempotencyKey) throws Exception {
        return call("POST", "/api/v1/" + resource, "", body, idempotencyKey, "uri");
    }

    private static HttpResponse<String> call(String method, String path, String query, String body, String idempotencyKey,
                                             String claim) throws Exception {
        URI uri = URI.create(emulator.baseUri() + path + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token(method + " " + uri.getHost() + ":" + uri.getPort() + path, claim))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("X-Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A CDP JWT signed with the sandbox's Ed25519 test key, binding the request as {@code uri} or {@code uris}. */
    private static String token(String requestUri, String claim) throws Exception {
        long now = Instant.now().getEpochSecond();
        String kid = CoinbaseEmulator.TEST_API_KEY_ID;
        String header = "{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\",\"nonce\":\"0123456789abcdef0123456789abcdef\"}";
        String binding = "uris".equals(claim) ? "\"uris\":[\"" + requestUri + "\"]" : "\"uri\":\"" + requestUri + "\"";
        String claims = "{\"sub\":\"" + kid + "\",\"iss\":\"cdp\",\"nbf\":" + now + ",\"exp\":" + (now + 120) + "," + binding + "}";
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String input = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        byte[] seed = Arrays.copyOf(Base64.getDecoder().decode(CoinbaseEmulator.TEST_API_SECRET), 32);
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420" + HexFormat.of().formatHex(seed));
        PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + base64.encodeToString(signature.sign());
    }
}
