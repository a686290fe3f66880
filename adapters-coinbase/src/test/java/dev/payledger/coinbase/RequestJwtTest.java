package dev.payledger.coinbase;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.payledger.core.money.Money;
import dev.payledger.sandbox.coinbase.CoinbaseEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestJwtTest {
    /** The public half of {@link CoinbaseEmulator#TEST_EC_API_SECRET}, as openssl printed it. */
    private static final String TEST_EC_PUBLIC_KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEE35k5WZs9x+ranANF/AgLqitEkeD"
            + "bXPavaRd5aD7dpa25rEUoC+4HtoEerPUrRLzmC81JJrBnf18/r/rXye61g==";
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
    void es256TokenFromTheSec1PemVerifiesWithNimbusAndOnlyThePublicKey() throws Exception {
        Instant now = Instant.now();
        CdpJwt jwt = new CdpJwt(CoinbaseEmulator.TEST_EC_API_KEY_ID, CdpKey.parse(CoinbaseEmulator.TEST_EC_API_SECRET),
                Clock.fixed(now, ZoneOffset.UTC));

        SignedJWT token = SignedJWT.parse(jwt.forRequest("POST", URI.create("https://business.coinbase.com/api/v1/checkouts")));
        ECPublicKey publicKey = (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(TEST_EC_PUBLIC_KEY)));

        assertThat(token.verify(new ECDSAVerifier(publicKey))).isTrue();
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(token.getHeader().getKeyID()).isEqualTo(CoinbaseEmulator.TEST_EC_API_KEY_ID);
        assertThat(token.getHeader().getType().getType()).isEqualTo("JWT");
        assertThat((String) token.getHeader().getCustomParam("nonce")).matches("[0-9a-f]{32}");
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo("cdp");
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo(CoinbaseEmulator.TEST_EC_API_KEY_ID);
        assertThat(token.getJWTClaimsSet().getNotBeforeTime().toInstant().getEpochSecond()).isEqualTo(now.getEpochSecond());
        assertThat(Duration.between(token.getJWTClaimsSet().getNotBeforeTime().toInstant(),
                token.getJWTClaimsSet().getExpirationTime().toInstant())).isEqualTo(Duration.ofSeconds(120));
        assertThat(token.getJWTClaimsSet().getStringClaim("uri")).isEqualTo("POST business.coinbase.com/api/v1/checkouts");
    }

    @Test
    void everyRequestGetsAFreshNonce() {
        CdpJwt jwt = new CdpJwt("kid", CdpKey.parse(CoinbaseEmulator.TEST_API_SECRET), Clock.systemUTC());
        URI uri = URI.create("https://business.coinbase.com/api/v1/checkouts");

        assertThat(jwt.forRequest("GET", uri)).isNotEqualTo(jwt.forRequest("GET", uri));
    }

    @Test
    void emulatorAcceptsBothKeyTypesFromOurClient() {
        CoinbaseGateway ec = new CoinbaseGateway(CoinbaseConfig.business(CoinbaseEmulator.TEST_EC_API_KEY_ID,
                CoinbaseEmulator.TEST_EC_API_SECRET, "whsec").withBaseUrl(emulator.businessApiUrl()));
        CoinbaseGateway ed = new CoinbaseGateway(Fixtures.business(emulator));

        assertThat(ec.createCheckout(Fixtures.request("pay_ec", Money.ofMinor("USD", 99))).providerRef()).isNotBlank();
        assertThat(ed.createCheckout(Fixtures.request("pay_ed", Money.ofMinor("USD", 99))).providerRef()).isNotBlank();
    }

    @Test
    void emulatorRefusesATokenMadeForAnotherPath() throws Exception {
        CdpJwt jwt = new CdpJwt(CoinbaseEmulator.TEST_API_KEY_ID, CdpKey.parse(CoinbaseEmulator.TEST_API_SECRET),
                Clock.systemUTC());
        URI list = URI.create(emulator.businessApiUrl() + "/checkouts");
        URI other = URI.create(emulator.businessApiUrl() + "/payment-links");

        HttpResponse<String> refused = get(list, jwt.forRequest("GET", other));
        HttpResponse<String> accepted = get(list, jwt.forRequest("GET", list));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"errorType\":\"unauthorized\"");
        assertThat(accepted.statusCode()).isEqualTo(200);
    }

    @Test
    void emulatorRefusesAnExpiredToken() {
        Clock tenMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        CoinbaseGateway stale = new CoinbaseGateway(Fixtures.business(emulator), tenMinutesAgo);

        assertThatThrownBy(() -> stale.createCheckout(Fixtures.request("pay_old", Money.ofMinor("USD", 99))))
                .isInstanceOfSatisfying(CoinbaseException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.errorType()).contains("unauthorized");
                });
    }

    @Test
    void emulatorRefusesATokenSignedByAnotherKey() throws Exception {
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] x509 = other.getPublic().getEncoded();
        byte[] pkcs8 = other.getPrivate().getEncoded();
        byte[] secret = new byte[64];
        System.arraycopy(pkcs8, pkcs8.length - 32, secret, 0, 32);
        System.arraycopy(x509, x509.length - 32, secret, 32, 32);
        CoinbaseGateway impostor = new CoinbaseGateway(CoinbaseConfig.business(CoinbaseEmulator.TEST_API_KEY_ID,
                Base64.getEncoder().encodeToString(secret), "whsec").withBaseUrl(emulator.businessApiUrl()));

        assertThatThrownBy(() -> impostor.createCheckout(Fixtures.request("pay_imp", Money.ofMinor("USD", 99))))
                .isInstanceOfSatisfying(CoinbaseException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void aSecretThatIsNeitherPemNorEd25519IsRefusedWithoutBeingPrinted() {
        String secret = "c2VjcmV0LXRoYXQtaXMtdG9vLXNob3J0";

        assertThatThrownBy(() -> CdpKey.parse(secret)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(secret);
        String damaged = Base64.getEncoder().encodeToString(Arrays.copyOf(Base64.getDecoder()
                .decode(CoinbaseEmulator.TEST_API_SECRET), 63));
        assertThatThrownBy(() -> CdpKey.parse(damaged + "A")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(damaged);
    }

    private static HttpResponse<String> get(URI uri, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
