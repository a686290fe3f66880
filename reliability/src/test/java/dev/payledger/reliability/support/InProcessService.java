package dev.payledger.reliability.support;

import com.zaxxer.hikari.HikariDataSource;
import dev.payledger.app.Application;
import dev.payledger.app.Config;
import dev.payledger.app.Sandbox;
import dev.payledger.app.Settings;
import dev.payledger.app.Storage;
import dev.payledger.jdbc.DataSources;
import dev.payledger.jdbc.EmbeddedDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The service in this JVM, in sandbox mode (the emulators wired to the real adapters) on an embedded PostgreSQL
 * in a temporary directory, with a known JWT secret so tests can issue tokens. Close it to stop everything.
 */
public final class InProcessService implements AutoCloseable {
    public static final String JWT_SECRET = "reliability-jwt-secret-0123456789abcdef";

    private final EmbeddedDatabase database;
    private final HikariDataSource dataSource;
    private final Application app;

    private InProcessService(EmbeddedDatabase database, HikariDataSource dataSource, Application app) {
        this.database = database;
        this.dataSource = dataSource;
        this.app = app;
    }

    public static InProcessService start(Path directory, Map<String, String> extra) {
        EmbeddedDatabase database = EmbeddedDatabase.start(directory.resolve("postgres"), false);
        HikariDataSource dataSource = DataSources.embedded(database);
        Map<String, String> settings = new HashMap<>(Map.of(
                "PAYLEDGER_PORT", "0",
                "PAYLEDGER_DATA_DIR", directory.toString(),
                "PAYLEDGER_JWT_SECRET", JWT_SECRET,
                "PAYLEDGER_CHECKOUT_RATE_LIMIT", "10000",
                "PAYLEDGER_RECONCILE_INTERVAL", "1h"));
        settings.putAll(extra);
        Application app = Application.start(Config.from(Settings.of(settings)), Storage.on(dataSource));
        return new InProcessService(database, dataSource, app);
    }

    public String url(String path) {
        return app.baseUrl() + path;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public Sandbox sandbox() {
        return app.backend().sandbox().orElseThrow();
    }

    public Application app() {
        return app;
    }

    public String token(String user, boolean admin) {
        return Jwt.hs256(JWT_SECRET, user, admin, Duration.ofHours(1));
    }

    @Override
    public void close() {
        app.close();
        dataSource.close();
        database.close();
    }
}
