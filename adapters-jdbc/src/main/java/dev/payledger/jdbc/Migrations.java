package dev.payledger.jdbc;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/** Brings a database to PayLedger's schema with Flyway ({@code classpath:db/migration}). Stateless. */
public final class Migrations {
    private Migrations() {
    }

    /**
     * Applies the migrations the database lacks; a database already up to date is left alone.
     *
     * @return how many migrations ran now (0 when none were missing)
     * @throws DatabaseException when a migration fails or the history does not match these migrations
     */
    public static int apply(DataSource dataSource) {
        try {
            MigrateResult result = Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .table("payledger_schema_history")
                    .load()
                    .migrate();
            return result.migrationsExecuted;
        } catch (FlywayException failure) {
            throw new DatabaseException("Could not migrate the PayLedger schema: " + failure.getMessage(), failure);
        }
    }
}
