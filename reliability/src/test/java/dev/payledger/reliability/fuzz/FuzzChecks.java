package dev.payledger.reliability.fuzz;

import dev.payledger.core.payment.ProviderEventVerifier;
import dev.payledger.core.payment.Verification;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract every verifier keeps, whatever it is fed. */
final class FuzzChecks {
    private FuzzChecks() {
    }

    /** A value, never null; a correctly signed body is never refused for its signature. */
    static void verifiedOrTypedRejection(Verification verification, boolean signedCorrectly) {
        assertThat(verification).isNotNull();
        if (verification instanceof Verification.Rejected rejected) {
            assertThat(rejected.reason()).isNotNull();
            assertThat(rejected.message()).isNotNull();
            if (signedCorrectly) {
                assertThat(rejected.reason()).isNotIn(Verification.Reason.INVALID_SIGNATURE,
                        Verification.Reason.MISSING_SIGNATURE);
            }
        } else {
            assertThat(((Verification.Verified) verification).event()).isNotNull();
        }
    }

    /** Replaying a stored body: an event, or the documented IllegalArgumentException. */
    static void readThrowsOnlyIllegalArgument(ProviderEventVerifier verifier, String eventId, byte[] body) {
        try {
            assertThat(verifier.read(eventId, body)).isNotNull();
        } catch (IllegalArgumentException expected) {
            // the typed rejection of ProviderEventVerifier.read
        }
    }
}
