package dev.payledger.app.http;

import dev.payledger.app.Config;
import dev.payledger.app.Secret;
import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.ManualClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verified tokens are remembered by their exact text from their second pass, and a remembered token still stops
 * at its expiry.
 */
class TokensTest {
    private static final Config.Jwt HS256 = new Config.Jwt("HS256",
            Optional.of(new Secret("tokens-test-secret-0123456789-abcdefghijklmnop")), Optional.empty(), Optional.empty());
    private final ManualClock clock = ManualClock.at("2026-11-22T03:00:00Z");

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        Tokens tokens = new Tokens(HS256, clock, 100);
        String token = tokens.issue("asha", false, Duration.ofMinutes(1)).orElseThrow();
        assertThat(tokens.verify(token)).hasValueSatisfying(caller -> assertThat(caller.user().value()).isEqualTo("asha"));
        assertThat(tokens.verify(token)).isPresent();
        assertThat(tokens.remembered()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(60 + 29));
        assertThat(tokens.verify(token)).as("within the 30 s clock skew").isPresent();

        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.verify(token)).isEmpty();
        assertThat(new Tokens(HS256, clock, 100).verify(token)).as("a fresh verifier agrees").isEmpty();
        assertThat(tokens.remembered()).isZero();
    }

    @Test
    void aTamperedTokenIsRefusedWhileTheGenuineOneIsRemembered() {
        Tokens tokens = new Tokens(HS256, clock, 100);
        String token = tokens.issue("asha", false, Duration.ofMinutes(5)).orElseThrow();
        assertThat(tokens.verify(token)).isPresent();
        assertThat(tokens.verify(token)).isPresent();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String promoted = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"user\"]", "\"user\",\"admin\"]").getBytes(StandardCharsets.UTF_8));
        char middle = parts[2].charAt(10);
        String badSignature = parts[2].substring(0, 10) + (middle == 'A' ? 'B' : 'A') + parts[2].substring(11);

        assertThat(tokens.verify(parts[0] + "." + promoted + "." + parts[2])).isEmpty();
        assertThat(tokens.verify(parts[0] + "." + parts[1] + "." + badSignature)).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 2))).isEmpty();
        assertThat(tokens.verify(token)).hasValueSatisfying(caller -> assertThat(caller.admin()).isFalse());
        assertThat(tokens.remembered()).isEqualTo(1);
    }

    @Test
    void refusedTokensAreNotRemembered() {
        Tokens tokens = new Tokens(HS256, clock, 100);
        String expired = tokens.issue("asha", false, Duration.ofSeconds(1)).orElseThrow();
        clock.advance(Duration.ofMinutes(1));

        assertThat(tokens.verify(expired)).isEmpty();
        assertThat(tokens.verify(expired)).isEmpty();
        assertThat(tokens.verify("not.a.jwt")).isEmpty();
        assertThat(tokens.verify("not.a.jwt")).isEmpty();
        assertThat(tokens.remembered()).isZero();
    }

    @Test
    void aTokenIsRememberedFromItsSecondPassSoOneShotTokensFillNothing() {
        Tokens tokens = new Tokens(HS256, clock, 100);
        for (int i = 0; i < 1_000; i++) {
            String oneShot = tokens.issue("buyer-" + i, false, Duration.ofMinutes(5)).orElseThrow();
            assertThat(tokens.verify(oneShot)).map(caller -> caller.user().value()).contains("buyer-" + i);
        }
        assertThat(tokens.remembered()).as("tokens used once").isZero();

        String session = tokens.issue("asha", false, Duration.ofMinutes(5)).orElseThrow();
        assertThat(tokens.verify(session)).isPresent();
        assertThat(tokens.remembered()).isZero();
        assertThat(tokens.verify(session)).isPresent();
        assertThat(tokens.remembered()).isEqualTo(1);
        assertThat(tokens.verify(session)).map(caller -> caller.user().value()).contains("asha");
    }

    @Test
    void aFingerprintThatCollidesOnlyRemembersAVerifiedTokenOnePassEarly() {
        VerifiedTokens verified = new VerifiedTokens(100);
        Caller caller = new Caller(UserId.of("asha"), false);
        long now = clock.millis();
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());

        assertThat(verified.passed("Aa", caller, Long.MIN_VALUE, now + 60_000, now)).isFalse();
        assertThat(verified.passed("BB", caller, Long.MIN_VALUE, now + 60_000, now)).as("same fingerprint").isTrue();
        assertThat(verified.find("BB", now)).contains(caller);
        assertThat(verified.find("Aa", now)).as("only the token that passed is remembered").isEmpty();
    }

    @Test
    void atMostTheLimitIsRememberedAndEveryTokenStillVerifies() {
        Tokens tokens = new Tokens(HS256, clock, 8);
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            issued.add(tokens.issue("user-" + i, false, Duration.ofMinutes(5)).orElseThrow());
        }

        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < issued.size(); i++) {
                assertThat(tokens.verify(issued.get(i))).map(caller -> caller.user().value()).contains("user-" + i);
                assertThat(tokens.remembered()).isBetween(round == 0 ? 0 : 1, 8);
            }
        }
    }

    @Test
    void whenFullExpiredTokensGoFirst() {
        VerifiedTokens verified = new VerifiedTokens(4);
        Caller caller = new Caller(UserId.of("asha"), false);
        long now = clock.millis();
        verified.remember("old-1", caller, Long.MIN_VALUE, now + 1_000, now);
        verified.remember("old-2", caller, Long.MIN_VALUE, now + 1_000, now);
        verified.remember("live-1", caller, Long.MIN_VALUE, now + 600_000, now);
        verified.remember("live-2", caller, Long.MIN_VALUE, now + 600_000, now);

        long later = now + 60_000;
        verified.remember("live-3", caller, Long.MIN_VALUE, later + 600_000, later);

        assertThat(verified.size()).isEqualTo(3);
        assertThat(verified.find("live-1", later)).isPresent();
        assertThat(verified.find("live-2", later)).isPresent();
        assertThat(verified.find("live-3", later)).isPresent();
    }

    @Test
    void concurrentCallersGetTheirOwnCallerAndTheBoundHolds() throws Exception {
        Tokens tokens = new Tokens(HS256, clock, 16);
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            issued.add(tokens.issue("user-" + i, false, Duration.ofMinutes(5)).orElseThrow());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int offset = thread;
                results.add(pool.submit(() -> {
                    boolean allRight = true;
                    for (int n = 0; n < 500; n++) {
                        int i = (n * 7 + offset * 13) % issued.size();
                        allRight &= tokens.verify(issued.get(i)).map(c -> c.user().value()).equals(Optional.of("user-" + i));
                        allRight &= tokens.remembered() <= 16;
                    }
                    return allRight;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
