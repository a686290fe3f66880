package dev.payledger.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.payledger.core.Persistence;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one PostgreSQL of a test JVM: {@code PAYLEDGER_TEST_DB_URL} when set (with {@code _USER} and
 * {@code _PASSWORD}), else an embedded server in {@code target/test-postgres}, started on first use and
 * shared by every test class. Migrated once; {@link #clean()} empties it between tests.
 */
public final class TestDatabase {
    static final String URL = "PAYLEDGER_TEST_DB_URL";
    private static HikariDataSource dataSource;
    private static Persistence persistence;
    private static Jdbi jdbi;
    private static Duration startTime = Duration.ZERO;

    private TestDatabase() {
    }

    static synchronized DataSource dataSource() {
        if (dataSource == null) {
            String url = System.getenv(URL);
            if (url != null && !url.isBlank()) {
                dataSource = DataSources.external(url, System.getenv(URL.replace("URL", "USER")),
                        System.getenv(URL.replace("URL", "PASSWORD")));
            } else {
                EmbeddedDatabase database = EmbeddedDatabase.start(Path.of("target", "test-postgres"), false);
                startTime = database.startTime();
                System.out.println("Embedded PostgreSQL started in " + startTime.toMillis() + " ms");
                dataSource = DataSources.embedded(database);
            }
            Migrations.apply(dataSource);
        }
        return dataSource;
    }

    /** One JdbcPersistence over the shared pool (it is stateless apart from the pool). */
    static synchronized Persistence persistence() {
        if (persistence == null) {
            persistence = JdbcPersistence.create(dataSource());
        }
        return persistence;
    }

    /** The shared JdbcPersistence after {@link #clean()}. */
    public static Persistence cleanPersistence() {
        clean();
        return persistence();
    }

    static synchronized Jdbi jdbi() {
        if (jdbi == null) {
            jdbi = Jdbi.create(dataSource());
        }
        return jdbi;
    }

    static Duration startTime() {
        return startTime;
    }

    /** A connection of its own (no statements prepared on it by other tests), outside the pool; closed by the caller. */
    static Connection unpooledConnection() throws SQLException {
        HikariDataSource pool = (HikariDataSource) dataSource();
        Properties login = new Properties();
        if (pool.getUsername() != null) {
            login.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            login.setProperty("password", pool.getPassword());
        }
        return DriverManager.getConnection(pool.getJdbcUrl(), login);
    }

    /** A unit of work whose every transaction runs on {@code connection}, so what one leaves behind is seen. */
    static JdbiTransactions onOne(Connection connection) {
        return onOne(connection, new AtomicInteger());
    }

    /** As {@link #onOne(Connection)}, counting in {@code lent} how many times the connection was handed out. */
    static JdbiTransactions onOne(Connection connection, AtomicInteger lent) {
        return onOne(connection, lent, 1);
    }

    /** As {@link #onOne(Connection, AtomicInteger)}, running a transaction up to {@code maxAttempts} times. */
    static JdbiTransactions onOne(Connection connection, AtomicInteger lent, int maxAttempts) {
        return new JdbiTransactions(Jdbi.create(new ConnectionFactory() {
            @Override
            public Connection openConnection() {
                lent.incrementAndGet();
                return connection;
            }

            @Override
            public void closeConnection(Connection toClose) {
            }
        }), maxAttempts, Duration.ofMillis(1), Duration.ofMillis(1));
    }

    private static boolean canDisableTriggers = true;
    private static String tables;

    /** Every table of the schema but Flyway's history, as a comma-separated list. */
    private static synchronized String tables() {
        if (tables == null) {
            List<String> names = jdbi().withHandle(handle -> handle.createQuery("""
                            SELECT table_name FROM information_schema.tables
                            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                              AND table_name <> 'payledger_schema_history'
                            ORDER BY table_name""")
                    .mapTo(String.class).list());
            tables = String.join(", ", names);
        }
        return tables;
    }

    /**
     * Empties every PayLedger table. DELETE with triggers off (the ledger's append-only triggers refuse
     * deletes) is several times faster than TRUNCATE on tiny tables; without the right to switch triggers
     * off (an external test server) it falls back to TRUNCATE.
     */
    static synchronized void clean() {
        if (canDisableTriggers) {
            try {
                jdbi().useTransaction(handle -> {
                    handle.execute("SET LOCAL session_replication_role = replica");
                    for (String table : tables().split(", ")) {
                        handle.execute("DELETE FROM " + table);
                    }
                    handle.execute("ALTER SEQUENCE outbox_sequence RESTART");
                });
                return;
            } catch (RuntimeException notAllowed) {
                canDisableTriggers = false;
            }
        }
        jdbi().useTransaction(handle -> {
            handle.execute("TRUNCATE " + tables() + " RESTART IDENTITY CASCADE");
            handle.execute("ALTER SEQUENCE outbox_sequence RESTART");
        });
    }
}
