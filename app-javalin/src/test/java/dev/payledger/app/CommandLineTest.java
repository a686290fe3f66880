package dev.payledger.app;

import dev.payledger.core.PayLedger;
import dev.payledger.core.common.UserId;
import dev.payledger.core.inbox.InboundEvent;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PurchaseTarget;
import dev.payledger.core.payment.StartCheckout;
import dev.payledger.jdbc.DataSources;
import dev.payledger.sandbox.razorpay.CheckoutResult;
import dev.payledger.sandbox.razorpay.RazorpayEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The maintenance commands run in-process as {@code java -jar payledger.jar <command>} would, each test on a
 * database of its own in the tests' one embedded PostgreSQL server. Commands that talk to Razorpay are pointed
 * ({@code PAYLEDGER_RAZORPAY_BASE_URL}) at one emulator that outlives them, as a real provider would.
 */
class CommandLineTest {
    private static final List<String> DATABASES = new CopyOnWriteArrayList<>();
    private static RazorpayEmulator razorpay;

    @BeforeAll
    static void startProvider() {
        razorpay = RazorpayEmulator.start(0);
    }

    @AfterAll
    static void stopProviderAndDropTheDatabases() throws SQLException {
        razorpay.close();
        try (Connection c = TestApp.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String name : DATABASES) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    @Test
    void migrateCreatesTheSchemaOnAnEmptyDatabaseAndIsANoOpTheSecondTime() throws SQLException {
        String url = freshDatabase();
        assertThat(count(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();

        Run first = run(sandbox(url), "migrate");
        assertThat(first.exit()).as(first.toString()).isZero();
        long applied = count(url, "SELECT count(*) FROM payledger_schema_history WHERE success");
        assertThat(applied).isPositive();
        assertThat(first.out()).contains("Schema is up to date", "migrations applied now: " + applied + ".");
        assertThat(count(url, "SELECT count(*) FROM payments")).isZero();
        assertThat(count(url, "SELECT count(*) FROM inbox_events")).isZero();

        Run second = run(sandbox(url), "migrate");
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.out()).contains("migrations applied now: 0.");
        assertThat(count(url, "SELECT count(*) FROM payledger_schema_history")).isEqualTo(applied);
    }

    @Test
    void aCommandWithAnUnusableDatabaseUrlExits2AndSaysWhy() {
        Run run = run(Map.of("PAYLEDGER_DB_URL", "mysql://localhost/payledger"), "migrate");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Database error", "PAYLEDGER_DB_URL must be a jdbc:postgresql: URL");
    }

    @Test
    void replayInboxSettlesAFailedEventOnceAndRunningItAgainCreditsNothingMore() {
        Map<String, String> env = sandbox(freshDatabase());
        try (Backend setup = backend(env)) {
            PayLedger payLedger = setup.payLedger();
            UserId user = new UserId(TestApp.newUser());
            Payment payment = checkout(payLedger, user);
            CheckoutResult paid = razorpay.pay(payment.providerRef().orElseThrow());
            String capture = Webhooks.capturedBody(paid.orderId(), paid.paymentId(), payment.amount().minor());
            failedEvent(payLedger, "evt_" + UUID.randomUUID(), capture);

            Run first = run(env, "replay-inbox");
            assertThat(first.exit()).as(first.toString()).isZero();
            assertThat(first.out()).contains("replayed=1 ", "FAILED=0", "PROCESSED=1");
            assertThat(payLedger.readPayments().find(payment.id()).orElseThrow().status().isPaid()).isTrue();
            assertThat(payLedger.readWallet().wallet(user).balance()).isEqualTo(10);

            Run again = run(env, "replay-inbox");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.out()).contains("replayed=0 ");
            // the same capture delivered again under another event id, and failed: replayed, credits nothing
            failedEvent(payLedger, "evt_" + UUID.randomUUID(), capture);
            Run redelivered = run(env, "replay-inbox");
            assertThat(redelivered.out()).as(redelivered.toString()).contains("replayed=1 ", "FAILED=0");
            assertThat(payLedger.readWallet().wallet(user).balance()).isEqualTo(10);

            Run verify = run(env, "verify-ledger");
            assertThat(verify.exit()).as(verify.toString()).isZero();
            assertThat(verify.out()).contains("Ledger is clean");
        }
    }

    @Test
    void reconcileRunsOnceAgainstTheSandboxProvidersAndPrintsItsReport() {
        Run run = run(Map.of("PAYLEDGER_DB_URL", freshDatabase(), "PAYLEDGER_PORT", "0"), "reconcile");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains(
                "checked=0 settled=0 failed=0 expired=0 still_open=0 needs_review=[] errors=[]");
    }

    @Test
    void reconcileSettlesAPaymentPaidAtTheProviderWhoseWebhookNeverCame() throws SQLException {
        String url = freshDatabase();
        Map<String, String> env = sandbox(url);
        try (Backend setup = backend(env)) {
            PayLedger payLedger = setup.payLedger();
            UserId user = new UserId(TestApp.newUser());
            Payment payment = checkout(payLedger, user);
            razorpay.pay(payment.providerRef().orElseThrow()); // the emulator has no webhook target: nothing arrives
            try (Connection c = setup.storage().dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE payments SET created_at = created_at - interval '10 minutes', "
                        + "updated_at = updated_at - interval '10 minutes'"); // past the first check (5 minutes)
            }

            Run run = run(env, "reconcile");
            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(run.out())
                    .contains("checked=1 settled=1 failed=0 expired=0 still_open=0 needs_review=[] errors=[]");
            assertThat(payLedger.readPayments().find(payment.id()).orElseThrow().status().isPaid()).isTrue();
            assertThat(payLedger.readWallet().wallet(user).balance()).isEqualTo(10);

            Run again = run(env, "reconcile");
            assertThat(again.out()).as(again.toString()).contains("checked=0 settled=0");
            assertThat(payLedger.readWallet().wallet(user).balance()).isEqualTo(10);
        }
    }

    @Test
    void reconcileInSandboxModeAsksItsOwnNewEmulatorsSoEarlierPaymentsAreErrorsAndStayOpen() throws SQLException {
        Map<String, String> env = sandbox(freshDatabase());
        try (Backend setup = backend(env)) {
            Payment payment = checkout(setup.payLedger(), new UserId(TestApp.newUser()));
            razorpay.pay(payment.providerRef().orElseThrow());
            try (Connection c = setup.storage().dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE payments SET created_at = created_at - interval '10 minutes', "
                        + "updated_at = updated_at - interval '10 minutes'");
            }
            Map<String, String> ownEmulators = new HashMap<>(env);
            ownEmulators.remove("PAYLEDGER_RAZORPAY_BASE_URL");

            Run run = run(ownEmulators, "reconcile");
            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(run.out())
                    .contains("checked=1 settled=0 failed=0 expired=0 still_open=0", payment.id().toString());
            assertThat(setup.payLedger().readPayments().find(payment.id()).orElseThrow().status().isOpen()).isTrue();
        }
    }

    /** The command's exit code and what it printed. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n" + out + err;
        }
    }

    static Run run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new Main(environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Sandbox mode on {@code url}, Razorpay only, at the emulator this class keeps running. */
    private static Map<String, String> sandbox(String url) {
        Map<String, String> env = new HashMap<>();
        env.put("PAYLEDGER_DB_URL", url);
        env.put("PAYLEDGER_DB_POOL_SIZE", "4");
        env.put("PAYLEDGER_PORT", "0");
        env.put("PAYLEDGER_INBOX_MAX_ATTEMPTS", "1");
        env.put("PAYLEDGER_STRIPE_ENABLED", "false");
        env.put("PAYLEDGER_COINBASE_ENABLED", "false");
        env.put("PAYLEDGER_RAZORPAY_BASE_URL", razorpay.baseUri().toString());
        return env;
    }

    /** What the service would run on {@code env}, to set the scene (no HTTP server, no background workers). */
    private static Backend backend(Map<String, String> env) {
        Config config = Config.from(Settings.of(env));
        return Backend.start(config, "http://127.0.0.1:9", Storage.on(DataSources.external(config.database().url()
                .orElseThrow(), null, null, 2)));
    }

    private static Payment checkout(PayLedger payLedger, UserId user) {
        StartCheckout.Result result = payLedger.startCheckout().start(new StartCheckout.Command(user,
                PurchaseTarget.creditPackage("starter", Currency.getInstance("INR")), "razorpay"));
        assertThat(result).isInstanceOf(StartCheckout.Started.class);
        return ((StartCheckout.Started) result).payment();
    }

    /** Stores a verified Razorpay event and fails it for good, as when its payment could not be settled then. */
    private static void failedEvent(PayLedger payLedger, String eventId, String body) {
        var store = payLedger.persistence();
        store.unitOfWork().inTransaction(() -> {
            InboundEvent stored = store.inbox().store(InboundEvent.received("razorpay", eventId, "payment.captured",
                    body.getBytes(StandardCharsets.UTF_8), Instant.now())).orElseThrow();
            store.inbox().fail(stored.id(), "no payment matches (then)", Optional.empty());
            return null;
        });
    }

    /** A new, empty database on the tests' embedded server: its JDBC URL. */
    private static String freshDatabase() {
        String name = "cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = TestApp.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            DATABASES.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return TestApp.database().jdbcUrl().replace("/postgres?", "/" + name + "?");
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
