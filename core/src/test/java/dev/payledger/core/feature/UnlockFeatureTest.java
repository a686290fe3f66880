package dev.payledger.core.feature;

import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.testing.Harness;
import dev.payledger.core.wallet.GrantCredits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class UnlockFeatureTest {
    private final Harness harness = new Harness(InMemoryPersistence.create());
    private final UserId ana = UserId.of("ana");
    private final Instant start = harness.clock.instant();

    private UnlockFeature.Result unlock(String code, String request) {
        return harness.payLedger.unlockFeature().unlock(new UnlockFeature.Command(ana, code, request));
    }

    @Test
    void unlockingDebitsTheCostAndUnlockingAgainExtendsFromTheCurrentExpiry() {
        harness.payLedger.grantCredits().grant(new GrantCredits.Command(ana, 12, EntryType.GRANT, "promo", "p"));
        UnlockFeature.Unlocked first = (UnlockFeature.Unlocked) unlock("export-csv", "r1");
        assertThat(first.wallet().balance()).isEqualTo(7);
        assertThat(first.grant().expiresAt()).contains(start.plus(Duration.ofDays(30)));

        harness.clock.advance(Duration.ofDays(10));
        UnlockFeature.Unlocked second = (UnlockFeature.Unlocked) unlock("export-csv", "r2");
        assertThat(second.grant().expiresAt()).contains(start.plus(Duration.ofDays(60)));
        assertThat(second.wallet().balance()).isEqualTo(2);
        assertThat(harness.payLedger.unlockFeature().activeGrants(ana)).hasSize(1);
    }

    @Test
    void notEnoughCreditsIsATypedResultAndChangesNothing() {
        harness.payLedger.grantCredits().grant(new GrantCredits.Command(ana, 19, EntryType.GRANT, "promo", "p"));
        assertThat(unlock("dark-theme", "r1")).isEqualTo(new UnlockFeature.InsufficientCredits(harness.wallet(ana), 20));
        assertThat(harness.wallet(ana).balance()).isEqualTo(19);
        assertThat(harness.payLedger.unlockFeature().activeGrants(ana)).isEmpty();
        assertThat(unlock("teleport", "r2")).isEqualTo(new UnlockFeature.UnknownFeature("teleport"));
    }

    @Test
    void theSameRequestUnlocksAndChargesOnce() {
        harness.payLedger.grantCredits().grant(new GrantCredits.Command(ana, 10, EntryType.GRANT, "promo", "p"));
        unlock("ai-summary", "same");
        UnlockFeature.Unlocked again = (UnlockFeature.Unlocked) unlock("ai-summary", "same");
        assertThat(again.wallet().balance()).isEqualTo(8);
        assertThat(again.grant().expiresAt()).contains(start.plus(Duration.ofDays(1)));
    }

    @Test
    void anExpiredGrantStartsAfreshAndAPermanentOneNeverExpires() {
        harness.payLedger.grantCredits().grant(new GrantCredits.Command(ana, 30, EntryType.GRANT, "promo", "p"));
        unlock("ai-summary", "a");
        harness.clock.advance(Duration.ofDays(3));
        assertThat(harness.payLedger.unlockFeature().activeGrants(ana)).isEmpty();
        UnlockFeature.Unlocked renewed = (UnlockFeature.Unlocked) unlock("ai-summary", "b");
        assertThat(renewed.grant().expiresAt()).contains(harness.clock.instant().plus(Duration.ofDays(1)));
        UnlockFeature.Unlocked theme = (UnlockFeature.Unlocked) unlock("dark-theme", "c");
        assertThat(theme.grant().expiresAt()).isEmpty();
        harness.clock.advance(Duration.ofDays(3650));
        assertThat(harness.payLedger.unlockFeature().activeGrants(ana)).extracting(FeatureGrant::featureCode)
                .containsExactly("dark-theme");
    }
}
