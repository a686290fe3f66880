package dev.payledger.reliability.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Bearer tokens as an identity provider would issue them, and the forged kinds an attacker tries. */
public final class Jwt {
    private Jwt() {
    }

    public static String hs256(String secret, String user, boolean admin, Duration lifetime) {
        return sign(JWSAlgorithm.HS256, secret, user, admin, Instant.now().plus(lifetime));
    }

    public static String sign(JWSAlgorithm algorithm, String secret, String user, boolean admin, Instant expiry) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user).issueTime(new Date())
                .expirationTime(Date.from(expiry))
                .claim("roles", admin ? List.of("user", "admin") : List.of("user")).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg=none}) claiming {@code user} with the admin role. */
    public static String unsigned(String user) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long exp = Instant.now().plusSeconds(3600).getEpochSecond();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + user + "\",\"exp\":" + exp + ",\"roles\":[\"admin\"]}")
                .getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
