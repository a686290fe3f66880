package dev.payledger.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.payledger.core.Persistence;
import dev.payledger.jdbc.DataSources;
import dev.payledger.jdbc.EmbeddedDatabase;
import dev.payledger.jdbc.JdbcPersistence;
import dev.payledger.jdbc.Migrations;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The database the service runs on: an external PostgreSQL, or the embedded one under the data directory,
 * migrated on open. {@link #close()} closes the pool and stops the embedded server. Thread-safe.
 */
public final class Storage implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Optional<EmbeddedDatabase> embedded;
    private final Persistence persistence;
    private volatile int migrationsApplied;

    private Storage(HikariDataSource dataSource, Optional<EmbeddedDatabase> embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.persistence = JdbcPersistence.create(dataSource);
    }

    /** Opens (starting the embedded server when no URL is configured) and migrates. */
    public static Storage open(Config.Database config) {
        if (config.embedded()) {
            EmbeddedDatabase database = EmbeddedDatabase.start(config.dataDir().resolve("postgres"), true);
            return migrated(new Storage(DataSources.embedded(database, config.poolSize()), Optional.of(database)));
        }
        HikariDataSource pool = DataSources.external(config.url().orElseThrow(), config.user().orElse(null),
                config.password().map(Secret::value).orElse(null), config.poolSize());
        return migrated(new Storage(pool, Optional.empty()));
    }

    /** On a database someone else runs (tests): migrated, not stopped by {@link #close()} beyond the pool. */
    public static Storage on(HikariDataSource dataSource) {
        return migrated(new Storage(dataSource, Optional.empty()));
    }

    private static Storage migrated(Storage storage) {
        try {
            storage.migrationsApplied = Migrations.apply(storage.dataSource);
            return storage;
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    /** How many schema migrations opening this storage applied (0 when the schema was already up to date). */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    public Persistence persistence() {
        return persistence;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** True when a connection answers a trivial query within two seconds. */
    public boolean reachable() {
        if (dataSource.isClosed()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    public String describe() {
        return embedded.map(db -> "embedded PostgreSQL in " + db.directory() + " (port " + db.port() + ")")
                .orElse("external PostgreSQL");
    }

    /**
     * Says that a JVM shutdown hook of the caller closes this storage (after the work that still uses it): the
     * embedded server then waits for that close at exit instead of stopping under that work.
     */
    public void closedByOwnerAtExit() {
        embedded.ifPresent(EmbeddedDatabase::closedByOwnerAtExit);
    }

    @Override
    public void close() {
        dataSource.close();
        embedded.ifPresent(EmbeddedDatabase::close);
    }
}
