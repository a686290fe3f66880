package dev.payledger.app.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.payledger.app.Config;
import dev.payledger.app.ConfigException;
import dev.payledger.core.common.UserId;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies bearer JWTs with one pinned algorithm (HS256 with a secret, or RS256/ES256 with a public key):
 * the signature, {@code exp} (required), {@code nbf}, the issuer when configured, and a {@code sub}. Tokens
 * signed with any other algorithm, or unsigned ({@code alg=none}), are refused. A token that passed twice is
 * remembered by its exact text (up to 10,000 of them, see {@link VerifiedTokens}): its later uses skip the
 * signature check, not the expiry check. Thread-safe.
 */
public final class Tokens {
    /** How many verified tokens are remembered. */
    static final int REMEMBERED = 10_000;
    private static final int CLOCK_SKEW_SECONDS = 30;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Optional<byte[]> hmacSecret;
    private final Clock clock;
    private final VerifiedTokens verified;

    public Tokens(Config.Jwt config) {
        this(config, Clock.systemUTC(), REMEMBERED);
    }

    /** With the clock that decides expiry, and how many verified tokens to remember (tests). */
    Tokens(Config.Jwt config, Clock clock, int remembered) {
        this.clock = clock;
        this.verified = new VerifiedTokens(remembered);
        JWSAlgorithm algorithm = JWSAlgorithm.parse(config.algorithm());
        if (config.secret().isPresent()) {
            hmacSecret = Optional.of(config.secret().get().value().getBytes(StandardCharsets.UTF_8));
            processor.setJWSKeySelector(new SingleKeyJWSKeySelector<>(algorithm,
                    new SecretKeySpec(hmacSecret.get(), "HmacSHA256")));
        } else {
            hmacSecret = Optional.empty();
            processor.setJWSKeySelector(new SingleKeyJWSKeySelector<>(algorithm,
                    publicKey(config.publicKeyPem().orElseThrow(), algorithm)));
        }
        Set<String> required = new HashSet<>(List.of("sub", "exp"));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        config.issuer().ifPresent(exact::issuer);
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(exact.build(), required) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** An X.509 {@code PUBLIC KEY} PEM: RSA for RS256, EC for ES256 (no BouncyCastle needed). */
    private static PublicKey publicKey(String pem, JWSAlgorithm algorithm) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            KeyFactory factory = KeyFactory.getInstance(JWSAlgorithm.RS256.equals(algorithm) ? "RSA" : "EC");
            return factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException("PAYLEDGER_JWT_PUBLIC_KEY is not an X.509 PEM public key for " + algorithm
                    + " (-----BEGIN PUBLIC KEY-----)");
        }
    }

    /** The caller of a verified token, or empty when it is not acceptable (the reason is not disclosed). */
    public Optional<Caller> verify(String token) {
        Optional<Caller> known = verified.find(token, clock.millis());
        if (known.isPresent()) {
            return known;
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            UserId user = UserId.of(claims.getSubject());
            List<String> roles = claims.getClaim("roles") instanceof List<?> ? claims.getStringListClaim("roles") : List.of();
            Caller caller = new Caller(user, roles != null && roles.contains("admin"));
            remember(token, claims, caller);
            return Optional.of(caller);
        } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Tells the remembered tokens one passed, valid for as long as the claims verifier would accept it. */
    private void remember(String token, JWTClaimsSet claims, Caller caller) {
        long skew = CLOCK_SKEW_SECONDS * 1000L;
        Date notBefore = claims.getNotBeforeTime();
        verified.passed(token, caller, notBefore == null ? Long.MIN_VALUE : notBefore.getTime() - skew,
                claims.getExpirationTime().getTime() + skew, clock.millis());
    }

    /** How many verified tokens are remembered now. */
    int remembered() {
        return verified.size();
    }

    /** Signs a token (HS256 only): the sandbox's demo login. */
    public Optional<String> issue(String user, boolean admin, Duration lifetime) {
        if (hmacSecret.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("roles", admin ? List.of("user", "admin") : List.of("user")).build();
        try {
            SignedJWT jwt = new SignedJWT(new com.nimbusds.jose.JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(hmacSecret.get()));
            return Optional.of(jwt.serialize());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a sandbox token", e);
        }
    }
}
