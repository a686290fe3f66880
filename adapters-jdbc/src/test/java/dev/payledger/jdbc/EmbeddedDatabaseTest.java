package dev.payledger.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.payledger.core.Persistence;
import dev.payledger.core.ledger.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.payledger.jdbc.contract.Fixtures.ALICE;
import static dev.payledger.jdbc.contract.Fixtures.grant;
import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseTest {

    @Test
    void aRestartedEmbeddedDatabaseKeepsItsData(@TempDir Path directory) {
        EmbeddedDatabase first = EmbeddedDatabase.start(directory.resolve("postgres"), true);
        assertThat(EmbeddedDatabase.start(directory.resolve("postgres"), true)).isSameAs(first);
        try (HikariDataSource pool = DataSources.embedded(first)) {
            Migrations.apply(pool);
            JdbcPersistence.create(pool).ledger().post(grant("grant:1", ALICE, 7));
        }
        first.close();
        first.close(); // a second close (an owner's, then the exit hook's) does nothing

        EmbeddedDatabase second = EmbeddedDatabase.start(directory.resolve("postgres"), true);
        try (HikariDataSource pool = DataSources.embedded(second)) {
            System.out.printf("Embedded PostgreSQL: fresh start %d ms, restart %d ms%n",
                    first.startTime().toMillis(), second.startTime().toMillis());
            assertThat(second).isNotSameAs(first);
            assertThat(Migrations.apply(pool)).isZero();
            Persistence persistence = JdbcPersistence.create(pool);
            assertThat(persistence.ledger().wallet(ALICE)).isEqualTo(new Wallet(ALICE, 7, 7, 0));
            assertThat(persistence.ledger().isPosted("grant:1")).isTrue();
        } finally {
            second.close();
        }
    }
}
