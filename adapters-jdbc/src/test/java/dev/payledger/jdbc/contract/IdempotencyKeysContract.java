package dev.payledger.jdbc.contract;

import dev.payledger.core.idempotency.IdempotencyKeys;
import dev.payledger.core.idempotency.IdempotencyKeys.Claim;
import dev.payledger.core.idempotency.StoredResponse;
import org.junit.jupiter.api.Test;

import static dev.payledger.jdbc.contract.Fixtures.ALICE;
import static dev.payledger.jdbc.contract.Fixtures.BOB;
import static dev.payledger.jdbc.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class IdempotencyKeysContract extends PersistenceContract {
    private static final StoredResponse CREATED = new StoredResponse(201, "{\"id\":\"pay_1\"}");

    private IdempotencyKeys keys() {
        return persistence.idempotencyKeys();
    }

    private Claim claim(String fingerprint, long nowSecond) {
        return keys().claim(ALICE, "key-1", fingerprint, at(nowSecond), at(nowSecond - 60));
    }

    @Test
    void firstClaimWinsAndARepeatIsToldItIsInProgress() {
        assertThat(claim("fp-A", 0)).isEqualTo(new Claim.Claimed());
        assertThat(claim("fp-B", 1)).isEqualTo(new Claim.InProgress("fp-A"));
    }

    @Test
    void completedKeyReplaysTheStoredResponse() {
        claim("fp-A", 0);
        keys().complete(ALICE, "key-1", CREATED, at(1));

        assertThat(claim("fp-A", 2)).isEqualTo(new Claim.Completed("fp-A", CREATED));
        assertThat(claim("fp-B", 1000)).isEqualTo(new Claim.Completed("fp-A", CREATED));
    }

    @Test
    void aStaleClaimIsTakenOver() {
        claim("fp-A", 0);

        assertThat(claim("fp-B", 61)).isEqualTo(new Claim.Claimed());
        assertThat(claim("fp-C", 62)).isEqualTo(new Claim.InProgress("fp-B"));
    }

    @Test
    void aReleasedKeyCanBeClaimedAgain() {
        claim("fp-A", 0);
        keys().release(ALICE, "key-1");

        assertThat(claim("fp-B", 1)).isEqualTo(new Claim.Claimed());
    }

    @Test
    void releasingACompletedKeyKeepsItsResponse() {
        claim("fp-A", 0);
        keys().complete(ALICE, "key-1", CREATED, at(1));

        keys().release(ALICE, "key-1");

        assertThat(claim("fp-A", 2)).isEqualTo(new Claim.Completed("fp-A", CREATED));
    }

    @Test
    void completingAnUnclaimedKeyThrows() {
        assertThatThrownBy(() -> keys().complete(ALICE, "key-1", CREATED, at(0)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keysBelongToTheirUser() {
        claim("fp-A", 0);

        assertThat(keys().claim(BOB, "key-1", "fp-X", at(1), at(-59))).isEqualTo(new Claim.Claimed());
    }

    @Test
    void aClaimRolledBackWithItsTransactionIsForgotten() {
        assertThatThrownBy(() -> inTransaction(() -> {
            claim("fp-A", 0);
            throw new Rollback();
        })).isInstanceOf(Rollback.class);

        assertThat(claim("fp-B", 1)).isEqualTo(new Claim.Claimed());
    }
}
