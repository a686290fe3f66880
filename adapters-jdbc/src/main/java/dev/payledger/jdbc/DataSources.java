package dev.payledger.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where PayLedger's {@link DataSource} comes from: an external PostgreSQL named by {@code PAYLEDGER_DB_URL}
 * (with {@code PAYLEDGER_DB_USER} and {@code PAYLEDGER_DB_PASSWORD}), pooled by HikariCP; or, with no URL,
 * the {@link EmbeddedDatabase} in {@code ./data/postgres}. Connection failures name the host, port,
 * database and user, never the password. Stateless; the pools it returns are thread-safe.
 */
public final class DataSources {
    public static final String URL = "PAYLEDGER_DB_URL";
    public static final String USER = "PAYLEDGER_DB_USER";
    public static final String PASSWORD = "PAYLEDGER_DB_PASSWORD";
    /** Connections per pool unless told otherwise (the service's {@code PAYLEDGER_DB_POOL_SIZE}). */
    public static final int DEFAULT_POOL_SIZE = 16;
    private static final long CONNECT_WAIT_MILLIS = 10_000;
    private static final Pattern SERVER = Pattern.compile("jdbc:postgresql://([^/?]*)(/[^?]*)?.*");

    private DataSources() {
    }

    /** From the process environment; see {@link #fromSettings}. */
    public static HikariDataSource fromEnvironment() {
        return fromSettings(System.getenv());
    }

    /**
     * The external database when {@code settings} has a non-blank {@link #URL}, else the embedded one.
     *
     * @throws DatabaseException when the database cannot be reached
     */
    public static HikariDataSource fromSettings(Map<String, String> settings) {
        String url = settings.get(URL);
        if (url == null || url.isBlank()) {
            return embedded(EmbeddedDatabase.start());
        }
        return external(url.trim(), settings.get(USER), settings.get(PASSWORD));
    }

    /**
     * A pool on an external PostgreSQL, checked by opening one connection now (retried for up to 10 s, so a
     * database that starts alongside the application is waited for).
     *
     * @param user     null to take it from the URL
     * @param password null to take it from the URL (or none)
     * @throws DatabaseException naming the server when it cannot connect
     */
    public static HikariDataSource external(String url, String user, String password) {
        return external(url, user, password, DEFAULT_POOL_SIZE);
    }

    /** As {@link #external(String, String, String)}, with {@code poolSize} connections at most. */
    public static HikariDataSource external(String url, String user, String password, int poolSize) {
        return external(url, user, password, CONNECT_WAIT_MILLIS, poolSize);
    }

    /** As {@link #external(String, String, String)}, trying to connect for {@code waitMillis} before giving up. */
    static HikariDataSource external(String url, String user, String password, long waitMillis) {
        return external(url, user, password, waitMillis, DEFAULT_POOL_SIZE);
    }

    private static HikariDataSource external(String url, String user, String password, long waitMillis, int poolSize) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new DatabaseException(URL + " must be a jdbc:postgresql: URL, got one starting "
                    + url.substring(0, Math.min(url.length(), 16)) + "…");
        }
        HikariConfig config = config(url, "payledger", poolSize);
        config.setInitializationFailTimeout(waitMillis);
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException failure) {
            String reason = rootMessage(failure);
            if (password != null && !password.isEmpty()) {
                reason = reason.replace(password, "****");
            }
            throw new DatabaseException("Cannot connect to PostgreSQL at " + describe(url)
                    + (user == null || user.isBlank() ? "" : " as " + user) + ": " + reason);
        }
    }

    /** A pool on the embedded database. */
    public static HikariDataSource embedded(EmbeddedDatabase database) {
        return embedded(database, DEFAULT_POOL_SIZE);
    }

    /** A pool of at most {@code poolSize} connections on the embedded database. */
    public static HikariDataSource embedded(EmbeddedDatabase database, int poolSize) {
        return new HikariDataSource(config(database.jdbcUrl(), "payledger-embedded", poolSize));
    }

    /** {@code host:port/database} of a PostgreSQL JDBC URL, without its parameters (which may hold a password). */
    static String describe(String url) {
        Matcher matcher = SERVER.matcher(url);
        if (!matcher.matches()) {
            return "(unparsable URL)";
        }
        String server = matcher.group(1).isEmpty() ? "localhost" : matcher.group(1);
        return server + (matcher.group(2) == null ? "" : matcher.group(2));
    }

    private static HikariConfig config(String url, String poolName, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName(poolName);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(CONNECT_WAIT_MILLIS);
        return config;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
