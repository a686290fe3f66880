package dev.payledger.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.payledger.jdbc.DataSources;
import dev.payledger.jdbc.EmbeddedDatabase;
import dev.payledger.sandbox.razorpay.RazorpayEmulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several service processes (the jar) on one embedded PostgreSQL, against one Razorpay emulator in this JVM whose
 * webhooks a {@link WebhookCapture} keeps for the test to deliver. Configured as production would be (sandbox
 * off, test keys, the emulator's base URL), so every instance talks to the same provider.
 */
public final class Cluster implements AutoCloseable {
    public static final String JWT_SECRET = "cluster-jwt-secret-0123456789abcdefghij";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final AutoCloseable database;
    private final HikariDataSource dataSource;
    private final RazorpayEmulator razorpay;
    private final WebhookCapture capture;
    private final Map<String, String> environment;
    private final List<AppProcess> apps = new ArrayList<>();

    private Cluster(Path directory, AutoCloseable database, HikariDataSource dataSource, RazorpayEmulator razorpay,
                    WebhookCapture capture, Map<String, String> environment) {
        this.directory = directory;
        this.database = database;
        this.dataSource = dataSource;
        this.razorpay = razorpay;
        this.capture = capture;
        this.environment = environment;
    }

    public static Cluster start(Path directory, Map<String, String> extra) {
        EmbeddedDatabase database = EmbeddedDatabase.start(directory.resolve("postgres"), false);
        return on(directory, database.jdbcUrl(), database, extra);
    }

    /** On a PostgreSQL someone else runs ({@code database} is closed with the cluster; may be a no-op). */
    public static Cluster on(Path directory, String jdbcUrl, AutoCloseable database, Map<String, String> extra) {
        WebhookCapture capture = new WebhookCapture();
        RazorpayEmulator razorpay = RazorpayEmulator.start(0);
        razorpay.webhookTarget(capture.url());
        Map<String, String> env = new HashMap<>();
        env.put("PAYLEDGER_SANDBOX", "false");
        env.put("PAYLEDGER_DB_URL", jdbcUrl);
        env.put("PAYLEDGER_DATA_DIR", directory.resolve("data").toString());
        env.put("PAYLEDGER_JWT_SECRET", JWT_SECRET);
        env.put("PAYLEDGER_RAZORPAY_KEY_ID", RazorpayEmulator.KEY_ID);
        env.put("PAYLEDGER_RAZORPAY_KEY_SECRET", RazorpayEmulator.KEY_SECRET);
        env.put("PAYLEDGER_RAZORPAY_WEBHOOK_SECRET", RazorpayEmulator.WEBHOOK_SECRET);
        env.put("PAYLEDGER_RAZORPAY_BASE_URL", razorpay.baseUri().toString());
        env.put("PAYLEDGER_STRIPE_ENABLED", "false");
        env.put("PAYLEDGER_COINBASE_ENABLED", "false");
        env.put("PAYLEDGER_CHECKOUT_RATE_LIMIT", "100000");
        env.put("PAYLEDGER_INBOX_INTERVAL", "500ms");
        env.put("PAYLEDGER_RECONCILE_INTERVAL", "3s");
        env.putAll(extra);
        return new Cluster(directory, database, DataSources.external(jdbcUrl, null, null), razorpay, capture, env);
    }

    public AppProcess add(String name) {
        AppProcess app = AppProcess.serve(name, environment, directory);
        apps.add(app);
        return app;
    }

    public String token(String user, boolean admin) {
        return Jwt.hs256(JWT_SECRET, user, admin, Duration.ofHours(1));
    }

    /** A Razorpay checkout of the starter package for {@code user} through {@code app}: the payment as JSON. */
    public JsonNode checkout(AppProcess app, String user) {
        Http.Answer answer = Http.json("POST", app.url("/api/checkout"), token(user, false),
                "{\"package_id\":\"starter\",\"currency\":\"INR\",\"provider\":\"razorpay\"}");
        if (answer.status() != 201) {
            throw new AssertionError("checkout for " + user + " answered " + answer.status() + " " + answer.body());
        }
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code java -jar payledger.jar verify-ledger} on the shared database: exit code and its report. */
    public Map.Entry<Integer, String> verifyLedger() {
        Path output = directory.resolve("verify-ledger.txt");
        int exit = AppProcess.run(List.of("verify-ledger"), environment, output);
        try {
            return Map.entry(exit, Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long count(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public int update(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public RazorpayEmulator razorpay() {
        return razorpay;
    }

    public WebhookCapture capture() {
        return capture;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public List<AppProcess> apps() {
        return apps;
    }

    @Override
    public void close() {
        apps.forEach(AppProcess::close);
        razorpay.close();
        capture.close();
        dataSource.close();
        try {
            database.close();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the database", e);
        }
    }
}
