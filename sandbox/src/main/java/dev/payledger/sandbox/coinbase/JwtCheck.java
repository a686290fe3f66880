package dev.payledger.sandbox.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.sandbox.Json;
import dev.payledger.sandbox.Request;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the CDP request JWT of a Coinbase Business API call as Coinbase does: a registered key id, the
 * algorithm that fits its key ({@code EdDSA} or {@code ES256}, JOSE R‖S), {@code iss=cdp}, {@code sub} = the key
 * id, {@code nbf}/{@code exp} around now and at most 120 s apart, and {@code uri} (or one of the SDK's
 * {@code uris}) equal to {@code "METHOD host[:port]/path"}. Thread-safe.
 */
final class JwtCheck {
    private static final long MAX_LIFETIME_SECONDS = 120;
    private static final long SKEW_SECONDS = 5;

    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private final Clock clock;

    JwtCheck(Clock clock) {
        this.clock = clock;
    }

    void register(String keyId, PublicKey key) {
        keys.put(keyId, key);
    }

    /** Empty when the request carries a valid token, else why it does not. */
    Optional<String> problem(Request request) {
        String authorization = request.header("authorization").orElse("");
        if (!authorization.startsWith("Bearer ")) {
            return Optional.of("missing bearer token");
        }
        String[] parts = authorization.substring(7).trim().split("\\.", -1);
        if (parts.length != 3) {
            return Optional.of("malformed token");
        }
        try {
            JsonNode header = Json.MAPPER.readTree(decode(parts[0]));
            JsonNode claims = Json.MAPPER.readTree(decode(parts[1]));
            String keyId = header.path("kid").asText("");
            PublicKey key = keys.get(keyId);
            if (key == null) {
                return Optional.of("unknown key id");
            }
            String alg = header.path("alg").asText("");
            if (!alg.equals(algorithmFor(key))) {
                return Optional.of("algorithm " + alg + " does not fit the key");
            }
            if (!verify(key, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), decode(parts[2]))) {
                return Optional.of("bad signature");
            }
            return claimsProblem(claims, keyId, expectedUri(request));
        } catch (IllegalArgumentException | java.io.IOException | GeneralSecurityException e) {
            return Optional.of("malformed token");
        }
    }

    private Optional<String> claimsProblem(JsonNode claims, String keyId, String expectedUri) {
        long now = clock.instant().getEpochSecond();
        if (!"cdp".equals(claims.path("iss").asText())) {
            return Optional.of("iss must be cdp");
        }
        if (!keyId.equals(claims.path("sub").asText())) {
            return Optional.of("sub must be the key id");
        }
        if (!claims.path("nbf").canConvertToLong() || !claims.path("exp").canConvertToLong()) {
            return Optional.of("nbf and exp are required");
        }
        long nbf = claims.path("nbf").asLong();
        long exp = claims.path("exp").asLong();
        if (nbf > now + SKEW_SECONDS || exp < now - SKEW_SECONDS) {
            return Optional.of("token expired or not yet valid");
        }
        if (exp - nbf > MAX_LIFETIME_SECONDS || exp <= nbf) {
            return Optional.of("token lifetime must be at most 120 seconds");
        }
        boolean bound = expectedUri.equals(claims.path("uri").asText(null));
        for (JsonNode uri : claims.path("uris")) {
            bound |= expectedUri.equals(uri.asText());
        }
        return bound ? Optional.empty() : Optional.of("token is for another request than " + expectedUri);
    }

    static String expectedUri(Request request) {
        String host = request.header("host").orElse("");
        return request.method().toUpperCase(java.util.Locale.ROOT) + " " + host + request.uri().getRawPath();
    }

    private static String algorithmFor(PublicKey key) {
        return "EC".equals(key.getAlgorithm()) ? "ES256" : "EdDSA";
    }

    private static boolean verify(PublicKey key, byte[] signingInput, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("EC".equals(key.getAlgorithm())
                ? "SHA256withECDSAinP1363Format" : "Ed25519");
        verifier.initVerify(key);
        verifier.update(signingInput);
        return verifier.verify(signature);
    }

    private static byte[] decode(String part) {
        return Base64.getUrlDecoder().decode(part);
    }
}
