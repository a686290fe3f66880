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
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The command line: {@code serve} (the default), {@code migrate}, {@code reconcile}, {@code replay-inbox} and
 * {@code verify-ledger}. Configuration comes from the environment (see {@link Config}); exit code 2 is a
 * configuration or database problem, 1 a ledger violation. {@link #main} uses the process's environment and
 * standard streams; tests run the commands in-process with {@link #Main(Map, PrintStream, PrintStream)}.
 */
@Command(name = "payledger", mixinStandardHelpOptions = true, version = "PayLedger 0.1.0",
        description = "Payments and credits service. Without configuration it runs in sandbox mode.",
        subcommands = {Main.Serve.class, Main.Migrate.class, Main.ReconcileOnce.class, Main.ReplayInbox.class,
                Main.VerifyLedgerOnce.class})
public final class Main implements Callable<Integer> {
    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    /** The process's environment, {@code System.out} and {@code System.err}. */
    public Main() {
        this(System.getenv(), System.out, System.err);
    }

    /** Configuration from {@code environment} (as {@link Settings#load}); reports to {@code out} and {@code err}. */
    public Main(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = Map.copyOf(environment);
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        flushLogs();
        System.exit(code);
    }

    @Override
    public Integer call() {
        Serve serve = new Serve();
        serve.main = this;
        return serve.call();
    }

    private Config config() {
        return Config.from(Settings.load(environment));
    }

    @Command(name = "serve", description = "Run the HTTP service (default).")
    static final class Serve implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Override
        public Integer call() {
            return main.guarded(() -> {
                Application app = Application.start(main.config());
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    app.close();
                    flushLogs();
                    stopped.countDown();
                }, "payledger-shutdown"));
                app.backend().storage().closedByOwnerAtExit(); // stopped last by the hook above
                Config config = app.backend().config();
                main.out.println("PayLedger is running at " + app.baseUrl() + "/"
                        + (config.sandbox() ? "  (sandbox mode: emulated providers, demo login at POST /sandbox/login)" : ""));
                main.out.println("Database: " + app.backend().storage().describe() + ". Press Ctrl-C to stop.");
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
        @ParentCommand
        Main main;

        @Override
        public Integer call() {
            return main.guarded(() -> {
                try (Storage storage = Storage.open(main.config().database())) {
                    main.out.println("Schema is up to date (" + storage.describe() + "); migrations applied now: "
                            + storage.migrationsApplied() + ".");
                }
                return 0;
            });
        }
    }

    @Command(name = "reconcile", description = "Ask the providers about stale open payments once, print the report.")
    static final class ReconcileOnce implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Override
        public Integer call() {
            return main.withBackend(payLedger -> {
                Reconcile.Report r = payLedger.reconcile().run();
                main.out.printf("checked=%d settled=%d failed=%d expired=%d still_open=%d needs_review=%s errors=%s%n",
                        r.checked(), r.settled(), r.failed(), r.expired(), r.stillOpen(), r.needsReview(), r.errors());
                return 0;
            });
        }
    }

    @Command(name = "replay-inbox", description = "Put every FAILED webhook event back in the queue and process it.")
    static final class ReplayInbox implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Override
        public Integer call() {
            return main.withBackend(payLedger -> {
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
                main.out.println("replayed=" + replayed + " inbox=" + store.unitOfWork().inTransaction(() ->
                        store.inbox().countByState()));
                return 0;
            });
        }
    }

    @Command(name = "verify-ledger", description = "Check the ledger invariants; exit 1 on a violation.")
    static final class VerifyLedgerOnce implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Override
        public Integer call() {
            return main.withBackend(payLedger -> {
                VerifyLedger.Report report = payLedger.verifyLedger().verify();
                print(main.out, report);
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

    private int withBackend(Function<PayLedger, Integer> work) {
        return guarded(() -> {
            Config config = config();
            try (Backend backend = Backend.start(config, config.baseUrl(config.port()))) {
                return work.apply(backend.payLedger());
            }
        });
    }

    private int guarded(Callable<Integer> command) {
        try {
            return command.call();
        } catch (ConfigException e) {
            err.println("Configuration error: " + e.getMessage());
            return 2;
        } catch (DatabaseException e) {
            err.println("Database error: " + e.getMessage());
            return 2;
        } catch (Exception | Error e) {
            e.printStackTrace(err);
            err.println("Failed: " + e);
            return 2;
        }
    }
}
