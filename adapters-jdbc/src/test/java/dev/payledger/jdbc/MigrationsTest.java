package dev.payledger.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

    /** An empty schema of the test database, made the connections' current schema (cheaper than a new database). */
    private static PGSimpleDataSource emptySchema(String name) {
        HikariDataSource shared = (HikariDataSource) TestDatabase.dataSource();
        TestDatabase.jdbi().useHandle(handle -> {
            handle.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            handle.execute("CREATE SCHEMA " + name);
        });
        PGSimpleDataSource empty = new PGSimpleDataSource();
        empty.setURL(shared.getJdbcUrl());
        if (shared.getUsername() != null) {
            empty.setUser(shared.getUsername());
            empty.setPassword(shared.getPassword());
        }
        empty.setCurrentSchema(name);
        return empty;
    }

    @Test
    void migrationsApplyOnAnEmptyDatabaseAndAgainAsANoOp() {
        String schema = "migrations_" + ProcessHandle.current().pid();
        PGSimpleDataSource empty = emptySchema(schema);
        try {
            assertThat(Migrations.apply(empty)).isGreaterThanOrEqualTo(3);
            assertThat(Migrations.apply(empty)).isZero();

            List<String> tables = Jdbi.create(empty).withHandle(handle -> handle.createQuery(
                            "SELECT table_name FROM information_schema.tables WHERE table_schema = :schema")
                    .bind("schema", schema).mapTo(String.class).list());
            assertThat(tables).contains("payments", "ledger_postings", "wallets", "wallet_entries", "inbox_events",
                    "outbox_events", "idempotency_keys", "feature_grants", "payledger_schema_history");
        } finally {
            TestDatabase.jdbi().useHandle(handle -> handle.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
        }
    }
}
