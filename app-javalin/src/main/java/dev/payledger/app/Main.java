package dev.payledger.app;

import dev.payledger.core.PayLedger;
import dev.payledger.core.inbox.InboundEvent;
import dev.payledger.core.inbox.InboxState;
import dev.payledger.core.ledger.VerifyLedger;
import dev.payledger.core.payment.Reconcile;
import dev.payledger.jdbc.DatabaseException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The command line: {@code serve} (the default), {@code migrate}, {@code reconcile}, {@code replay-inbox} and
 * {@code verify-ledger}. Configuration comes from the environment (see {@link Config}); exit code 2 is a
 * configuration or database problem, 1 a ledger violation.
 */
@Command(name = "payledger", mixinStandardHelpOptions = true, version = "PayLedger 0.1.0",
        description = "Payments and credits service. Without configuration it runs in sandbox mode.",
        subcommands = {Main.Serve.class, Main.Migrate.class, Main.ReconcileOnce.class, Main.ReplayInbox.class,
                Main.VerifyLedgerOnce.class})
public final class Main implements Callable<Integer> {
    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        flushLogs();
        System.exit(code);
    }

    @Override
    public Integer call() {
        return new Serve().call();
    }

    @Command(name = "serve", description = "Run the HTTP service (default).")
    static final class Serve implements Callable<Integer> {
        @Override
        public Integer call() {
            return guarded(() -> {
                Application app = Application.start(Config.fromEnvironment());
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    app.close();
                    flushLogs();
                    stopped.countDown();
                }, "payledger-shutdown"));
                Config config = app.backend().config();
                System.out.println("PayLedger is running at " + app.baseUrl() + "/"
                        + (config.sandbox() ? "  (sandbox mode: emulated providers, demo login at POST /sandbox/login)" : ""));
                System.out.println("Database: " + app.backend().storage().describe() + ". Press Ctrl-C to stop.");
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 0;
            });
        }
    }

    /** Stops logback (when it is the logging backend), which writes what its asynchronous appender still holds. */
    static void flushLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.stop();
        }
    }

    @Command(name = "migrate", description = "Bring the database schema up to date and exit.")
    static final class Migrate implements Callable<Integer> {
        @Override
        public Integer call() {
            return guarded(() -> {
                try (Storage storage = Storage.open(Config.fromEnvironment().database())) {
                    System.out.println("Schema is up to date (" + storage.describe() + ").");
                }
                return 0;
            });
        }
    }

    @Command(name = "reconcile", description = "Ask the providers about stale open payments once, print the report.")
    static final class ReconcileOnce implements Callable<Integer> {
        @Override
        public Integer call() {
            return withBackend(payLedger -> {
                Reconcile.Report r = payLedger.reconcile().run();
                System.out.printf("checked=%d settled=%d failed=%d expired=%d still_open=%d needs_review=%s errors=%s%n",
                        r.checked(), r.settled(), r.failed(), r.expired(), r.stillOpen(), r.needsReview(), r.errors());
                return 0;
            });
        }
    }

    @Command(name = "replay-inbox", description = "Put every FAILED webhook event back in the queue and process it.")
    static final class ReplayInbox implements Callable<Integer> {
        @Override
        public Integer call() {
            return withBackend(payLedger -> {
                var store = payLedger.persistence();
                List<InboundEvent> failed = store.unitOfWork().inTransaction(() ->
                        store.inbox().list(InboxState.FAILED, 10_000));
                int replayed = 0;
                for (InboundEvent event : failed) {
                    if (store.unitOfWork().inTransaction(() -> store.inbox().replay(event.id(), Instant.now()))) {
                        replayed++;
                    }
                }
                while (payLedger.processInbox().processDue(100) > 0) {
                    Thread.onSpinWait();
                }
                System.out.println("replayed=" + replayed + " inbox=" + store.unitOfWork().inTransaction(() ->
                        store.inbox().countByState()));
                return 0;
            });
        }
    }

    @Command(name = "verify-ledger", description = "Check the ledger invariants; exit 1 on a violation.")
    static final class VerifyLedgerOnce implements Callable<Integer> {
        @Override
        public Integer call() {
            return withBackend(payLedger -> {
                VerifyLedger.Report report = payLedger.verifyLedger().verify();
                print(System.out, report);
                return report.isClean() ? 0 : 1;
            });
        }
    }

    static void print(PrintStream out, VerifyLedger.Report report) {
        out.println(report.isClean() ? "Ledger is clean: every asset sums to zero and every wallet matches its entries."
                : "LEDGER VIOLATION");
        report.unbalancedAssets().forEach((asset, sum) -> out.println("  unbalanced asset " + asset + ": " + sum));
        report.driftingWallets().forEach(drift -> out.println("  drifting wallet: " + drift));
    }

    private static int withBackend(Function<PayLedger, Integer> work) {
        return guarded(() -> {
            Config config = Config.fromEnvironment();
            try (Backend backend = Backend.start(config, config.baseUrl(config.port()))) {
                return work.apply(backend.payLedger());
            }
        });
    }

    private static int guarded(Callable<Integer> command) {
        try {
            return command.call();
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return 2;
        } catch (DatabaseException e) {
            System.err.println("Database error: " + e.getMessage());
            return 2;
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.err.println("Failed: " + e);
            return 2;
        }
    }
}
