package dev.payledger.jdbc.contract;

import dev.payledger.core.feature.FeatureGrant;
import dev.payledger.core.feature.FeatureGrants;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static dev.payledger.jdbc.contract.Fixtures.ALICE;
import static dev.payledger.jdbc.contract.Fixtures.BOB;
import static dev.payledger.jdbc.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

public abstract class FeatureGrantsContract extends PersistenceContract {

    private FeatureGrants grants() {
        return persistence.featureGrants();
    }

    @Test
    void savedGrantIsFound() {
        FeatureGrant timed = FeatureGrant.start(ALICE, "ai-summary", Optional.of(Duration.ofDays(30)), at(0));
        FeatureGrant forever = FeatureGrant.start(ALICE, "dark-theme", Optional.empty(), at(0));

        inTransaction(() -> {
            grants().save(timed);
            grants().save(forever);
        });

        assertThat(grants().find(ALICE, "ai-summary")).contains(timed);
        assertThat(grants().find(ALICE, "dark-theme")).contains(forever);
        assertThat(grants().find(BOB, "ai-summary")).isEmpty();
    }

    @Test
    void savingAgainReplacesTheUsersGrant() {
        FeatureGrant first = FeatureGrant.start(ALICE, "ai-summary", Optional.of(Duration.ofDays(30)), at(0));
        grants().save(first);
        FeatureGrant extended = first.extend(Optional.of(Duration.ofDays(30)), at(10));

        grants().save(extended);

        assertThat(grants().find(ALICE, "ai-summary")).contains(extended);
        assertThat(grants().listByUser(ALICE)).containsExactly(extended);
    }

    @Test
    void listByUserHoldsOnlyTheirGrants() {
        FeatureGrant export = FeatureGrant.start(ALICE, "export-csv", Optional.empty(), at(0));
        FeatureGrant theme = FeatureGrant.start(ALICE, "dark-theme", Optional.empty(), at(1));
        grants().save(export);
        grants().save(theme);
        grants().save(FeatureGrant.start(BOB, "export-csv", Optional.empty(), at(2)));

        assertThat(grants().listByUser(ALICE)).containsExactlyInAnyOrder(export, theme);
        assertThat(grants().listByUser(new dev.payledger.core.common.UserId("carol"))).isEmpty();
    }
}
