package dev.payledger.app;

import dev.payledger.core.outbox.HostNotifications;
import dev.payledger.jdbc.JdbiDeliveryCursors;
import java.time.Clock;

import dev.payledger.app.http.Api;
import dev.payledger.app.http.EventHub;
import dev.payledger.app.http.HttpApi;
import dev.payledger.app.http.Metrics;
import dev.payledger.app.http.Tokens;
import dev.payledger.app.work.Workers;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The running service: backend, HTTP server, background workers. Started in dependency order, stopped in
 * reverse by {@link #close()} (HTTP first, then streams, workers, emulators and the database). Thread-safe.
 */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final Backend backend;
    private final Javalin http;
    private final EventHub events;
    private final Workers workers;
    private final int port;

    private Application(Backend backend, Javalin http, EventHub events, Workers workers, int port) {
        this.backend = backend;
        this.http = http;
        this.events = events;
        this.workers = workers;
        this.port = port;
    }

    public static Application start(Config config) {
        return start(config, null);
    }

    /** Starts on {@code storage} when given (tests share one database), else on the configured database. */
    public static Application start(Config config, Storage storage) {
        int port = config.port() == 0 ? freePort(config.host()) : config.port();
        String baseUrl = config.baseUrl(port);
        Config.Jwt jwt = sandboxJwt(config);
        Tokens tokens = new Tokens(jwt);
        Backend backend = storage == null ? Backend.start(config, baseUrl) : Backend.start(config, baseUrl, storage);
        try {
            Metrics metrics = new Metrics();
            metrics.bind(backend.providerCalls());
            EventHub events = new EventHub();
            Api api = Api.create(config, backend.payLedger(), backend.webhooks(), tokens, metrics, events, backend.storage()::reachable,
                    baseUrl);
            Javalin http = HttpApi.create(api).start(config.host(), port);
            backend.sandbox().ifPresent(sandbox -> sandbox.deliverWebhooksTo(baseUrl));
            Workers workers = Workers.start(backend.payLedger(), metrics, events, config.inboxInterval(),
                    config.reconcileInterval(), config.notifications().map(target -> new HostNotifications(
                            backend.payLedger().persistence().outbox(), backend.payLedger().persistence().unitOfWork(),
                            JdbiDeliveryCursors.create(backend.storage().dataSource()),
                            HostNotifications.Settings.of(target.url(), target.secret().value()), Clock.systemUTC())));
            return new Application(backend, http, events, workers, port);
        } catch (RuntimeException | Error e) {
            backend.close();
            throw e;
        }
    }

    public Backend backend() {
        return backend;
    }

    /** The routes the HTTP server serves (the OpenAPI test compares them with the document). */
    public java.util.List<io.javalin.router.ParsedEndpoint> routes() {
        return http.unsafe.internalRouter.allHttpHandlers();
    }

    /** The running Jetty server (tests check its thread pool and connector settings). */
    org.eclipse.jetty.server.Server httpServer() {
        return http.jettyServer().server();
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return backend.baseUrl();
    }

    @Override
    public void close() {
        LOG.info("stopping: event streams, HTTP, workers, emulators, database");
        long began = System.nanoTime();
        events.closeAll();
        http.stop();
        long httpStopped = System.nanoTime();
        workers.close();
        long workersStopped = System.nanoTime();
        backend.close();
        LOG.info("stopped in {} ms (HTTP {} ms, workers {} ms, emulators and database {} ms)",
                (System.nanoTime() - began) / 1_000_000, (httpStopped - began) / 1_000_000,
                (workersStopped - httpStopped) / 1_000_000, (System.nanoTime() - workersStopped) / 1_000_000);
    }

    /** In sandbox mode with no token key configured: a secret generated once and kept in the data directory. */
    static Config.Jwt sandboxJwt(Config config) {
        Config.Jwt jwt = config.jwt();
        if (!config.sandbox() || jwt.secret().isPresent() || jwt.publicKeyPem().isPresent()) {
            return jwt;
        }
        Path file = config.database().dataDir().resolve("sandbox-jwt-secret");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random),
                        StandardCharsets.UTF_8);
            }
            return new Config.Jwt("HS256", Optional.of(new Secret(Files.readString(file, StandardCharsets.UTF_8).trim())),
                    Optional.empty(), jwt.issuer());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the sandbox token secret in " + file, e);
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + host, e);
        }
    }
}
