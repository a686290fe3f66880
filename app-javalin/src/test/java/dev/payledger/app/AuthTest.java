package dev.payledger.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.payledger.app.http.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static dev.payledger.app.CheckoutRoutesTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Bearer tokens: missing, expired, the wrong algorithm, unsigned, someone else's resource, admin routes. */
class AuthTest {
    private final TestApp app = TestApp.shared();
    private final String user = TestApp.newUser();

    @Test
    void missingTokenIs401WithAChallenge() {
        TestApp.Reply reply = app.get("/api/wallet", null);
        assertError(reply, 401, "missing_token");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void expiredTokenIs401() {
        assertError(app.get("/api/wallet", TestApp.token(user, List.of("user"), Instant.now().minusSeconds(120))),
                401, "invalid_token");
    }

    @Test
    void tokenWithoutExpiryIs401() {
        String token = TestApp.sign(JWSAlgorithm.HS256, TestApp.JWT_SECRET, new JWTClaimsSet.Builder().subject(user).build());
        assertError(app.get("/api/wallet", token), 401, "invalid_token");
    }

    @Test
    void tokenSignedWithAnotherAlgorithmIs401() {
        String token = TestApp.sign(JWSAlgorithm.HS512, TestApp.JWT_SECRET + TestApp.JWT_SECRET, claims());
        assertError(app.get("/api/wallet", token), 401, "invalid_token");
    }

    @Test
    void unsignedAlgNoneTokenIs401() {
        String token = new PlainJWT(new PlainHeader(), claims()).serialize();
        assertError(app.get("/api/wallet", token), 401, "invalid_token");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + token.split("\\.")[1] + ".";
        assertError(app.get("/api/wallet", forged), 401, "invalid_token");
    }

    @Test
    void tokenSignedWithAnotherSecretIs401() {
        String token = TestApp.sign(JWSAlgorithm.HS256, "another-secret-0123456789-abcdefghijklmnop", claims());
        assertError(app.get("/api/wallet", token), 401, "invalid_token");
        assertError(app.get("/api/wallet", "not.a.jwt"), 401, "invalid_token");
    }

    @Test
    void anotherUsersOrderAndPaymentAre403() {
        String owner = TestApp.token(user);
        String order = app.post("/api/orders", owner, "{\"currency\":\"INR\",\"items\":[{\"sku\":\"pro\"}]}").json()
                .path("id").asText();
        String payment = app.post("/api/checkout", owner, "{\"package_id\":\"starter\",\"currency\":\"USD\"}").json()
                .path("id").asText();
        String stranger = TestApp.token(TestApp.newUser());
        assertError(app.get("/api/orders/" + order, stranger), 403, "not_your_order");
        assertError(app.post("/api/orders/" + order + "/cancel", stranger, ""), 403, "not_your_order");
        assertError(app.get("/api/payments/" + payment, stranger), 403, "not_your_payment");
        assertError(app.post("/api/payments/" + payment + "/cancel", stranger, ""), 403, "not_your_payment");
        assertError(app.post("/api/payments/" + payment + "/verify", stranger, "{}"), 403, "not_your_payment");
        assertThat(app.get("/api/payments/" + payment, TestApp.adminToken()).status()).isEqualTo(200);
    }

    @Test
    void nonAdminOnAdminRoutesIs403() {
        String token = TestApp.token(user);
        assertError(app.get("/api/admin/metrics", token), 403, "admin_required");
        assertError(app.get("/api/admin/inbox", token), 403, "admin_required");
        assertError(app.post("/api/admin/inbox/1/replay", token, ""), 403, "admin_required");
        assertError(app.post("/api/admin/reconcile", token, ""), 403, "admin_required");
        assertError(app.post("/api/orders/ord_x/confirm", token, ""), 403, "admin_required");
        assertError(app.post("/api/orders/ord_x/ship", token, ""), 403, "admin_required");
        assertError(app.post("/api/orders/ord_x/deliver", token, ""), 403, "admin_required");
        assertError(app.post("/api/payments/pay_x/refunds", token, "{}", "Idempotency-Key", "k"), 403, "admin_required");
    }

    @Test
    void eventStreamNeedsAToken() {
        assertError(app.get("/api/events", null), 401, "missing_token");
    }

    @Test
    void sandboxLoginIssuesATokenTheApiAccepts() {
        TestApp.Reply login = app.post("/sandbox/login", null, "{\"user\":\"" + user + "\",\"admin\":true}");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("sandbox_only").asBoolean()).isTrue();
        String token = login.json().path("token").asText();
        assertThat(app.get("/api/wallet", token).json().path("user_id").asText()).isEqualTo(user);
        assertThat(app.get("/api/admin/metrics", token).status()).isEqualTo(200);
    }

    @Test
    void rs256PublicKeyAcceptsItsTokensAndRefusesHs256Ones() throws JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).generate();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                key.toRSAPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        Tokens tokens = new Tokens(new Config.Jwt("RS256", Optional.empty(), Optional.of(pem), Optional.empty()));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject("bob")
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).claim("roles", List.of("admin")).build());
        jwt.sign(new RSASSASigner(key));
        assertThat(tokens.verify(jwt.serialize())).hasValueSatisfying(caller -> {
            assertThat(caller.user().value()).isEqualTo("bob");
            assertThat(caller.admin()).isTrue();
        });
        assertThat(tokens.verify(TestApp.sign(JWSAlgorithm.HS256, TestApp.JWT_SECRET, claims()))).isEmpty();
        assertThat(tokens.issue("bob", false, java.time.Duration.ofMinutes(1))).isEmpty();
    }

    private JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder().subject(user).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("roles", List.of("admin")).build();
    }
}
