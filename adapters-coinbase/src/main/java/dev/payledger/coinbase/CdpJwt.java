package dev.payledger.coinbase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Makes the fresh JWT every Coinbase Business (CDP) request carries: header {@code alg, kid, typ=JWT, nonce}
 * (32 random hex characters), claims {@code sub=kid, iss=cdp, nbf=now, exp=now+120, uri="METHOD host[:port]/path"},
 * serialised compactly in that order. Thread-safe.
 */
final class CdpJwt {
    static final long LIFETIME_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String keyId;
    private final CdpKey key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CdpJwt(String keyId, CdpKey key, Clock clock) {
        this.keyId = keyId;
        this.key = key;
        this.clock = clock;
    }

    /** A token for one request to {@code uri} with {@code method}. */
    String forRequest(String method, URI uri) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return token(keyId, key, HexFormat.of().formatHex(nonce), clock.instant().getEpochSecond(), requestUri(method, uri));
    }

    /** {@code "POST business.coinbase.com/api/v1/checkouts"}: the port only when the URL names one; no query. */
    static String requestUri(String method, URI uri) {
        String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        return method.toUpperCase(Locale.ROOT) + " " + host + uri.getRawPath();
    }

    static String token(String keyId, CdpKey key, String nonce, long notBefore, String requestUri) {
        ObjectNode header = JSON.createObjectNode();
        header.put("alg", key.algorithm());
        header.put("kid", keyId);
        header.put("typ", "JWT");
        header.put("nonce", nonce);
        ObjectNode claims = JSON.createObjectNode();
        claims.put("sub", keyId);
        claims.put("iss", "cdp");
        claims.put("nbf", notBefore);
        claims.put("exp", notBefore + LIFETIME_SECONDS);
        claims.put("uri", requestUri);
        String signingInput = encode(header) + "." + encode(claims);
        return signingInput + "." + BASE64URL.encodeToString(key.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String encode(ObjectNode json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a JWT part", e);
        }
    }
}
