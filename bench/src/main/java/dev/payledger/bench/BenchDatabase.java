package dev.payledger.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.payledger.jdbc.DataSources;
import dev.payledger.jdbc.EmbeddedDatabase;
import dev.payledger.jdbc.Migrations;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PostgreSQL every scenario and pgbench share: the server named by {@code PAYLEDGER_DB_URL}, or a durable
 * (fsync on) embedded one in a fresh directory. Migrated to PayLedger's schema. Not thread-safe to open.
 */
final class BenchDatabase implements AutoCloseable {
    private static final Pattern SERVER = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");

    final HikariDataSource dataSource;
    final Jdbi jdbi;
    final String host;
    final int port;
    final String database;
    final String user;
    final Optional<String> password;
    final boolean embedded;
    private final Optional<EmbeddedDatabase> server;

    private BenchDatabase(HikariDataSource dataSource, String host, int port, String database, String user,
                          Optional<String> password, Optional<EmbeddedDatabase> server) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.server = server;
        this.embedded = server.isPresent();
        Migrations.apply(dataSource);
    }

    static BenchDatabase open(Map<String, String> environment, Path embeddedDirectory) {
        return open(environment, embeddedDirectory, false);
    }

    /** As {@link #open(Map, Path)}; with {@code keepData} an embedded database's directory is reused, not wiped. */
    static BenchDatabase open(Map<String, String> environment, Path embeddedDirectory, boolean keepData) {
        String url = environment.get(DataSources.URL);
        if (url != null && !url.isBlank()) {
            Matcher matcher = SERVER.matcher(url.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("Cannot read host, port and database from " + DataSources.URL);
            }
            String user = Optional.ofNullable(environment.get(DataSources.USER))
                    .or(() -> parameter(url, "user")).orElse("postgres");
            Optional<String> password = Optional.ofNullable(environment.get(DataSources.PASSWORD))
                    .or(() -> parameter(url, "password"));
            HikariDataSource pool = DataSources.external(url.trim(), user, password.orElse(null));
            int port = matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2));
            return new BenchDatabase(pool, matcher.group(1), port, matcher.group(3), user, password, Optional.empty());
        }
        if (!keepData) {
            deleteRecursively(embeddedDirectory);
        }
        EmbeddedDatabase server = EmbeddedDatabase.start(embeddedDirectory, true);
        return new BenchDatabase(DataSources.embedded(server), "127.0.0.1", server.port(), "postgres", "postgres",
                Optional.empty(), Optional.of(server));
    }

    /** A server setting, e.g. {@code fsync}. */
    String setting(String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT current_setting(:name)").bind("name", name)
                .mapTo(String.class).one());
    }

    private static Optional<String> parameter(String url, String name) {
        Matcher matcher = Pattern.compile("[?&]" + name + "=([^&]*)").matcher(url);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
        server.ifPresent(EmbeddedDatabase::close);
    }
}
