package dev.payledger.reliability.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** An embedded PostgreSQL on a fixed port that a test can stop and start again on the same data (an outage). */
public final class RestartablePostgres implements AutoCloseable {
    private final Path directory;
    private final int port;
    private EmbeddedPostgres running;

    public RestartablePostgres(Path directory) {
        this.directory = directory;
        this.port = AppProcess.freePort();
        start();
    }

    public synchronized void start() {
        try {
            running = EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(false).setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("fsync", "off")
                    .setServerConfig("max_connections", "100").start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void stop() {
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        running = null;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            stop();
        }
    }
}
