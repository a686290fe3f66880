package dev.payledger.app.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.JavalinStaticResourceHandler;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The HTTP service: every route group, the one error mapper, request ids and structured request logs
 * (method, route, status, time, user; never headers, query strings, bodies or tokens), and latency metrics.
 */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger("payledger.requests");
    /** How long a stop waits for requests in flight before it closes their connections. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);
    private static final int MIN_THREADS = 8;
    private static final int IDLE_THREAD_TIMEOUT_MS = 60_000;
    private static final int RESPONSE_BUFFER_BYTES = 8 * 1024;
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private HttpApi() {
    }

    /** A configured, not yet started Javalin. */
    public static Javalin create(Api api) {
        QueuedThreadPool threads = threadPool(api.config().httpThreads());
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.jetty.threadPool = threads;
            cfg.jetty.modifyServer(server -> server.setStopTimeout(STOP_TIMEOUT.toMillis()));
            // no per-connection header cache: Jetty's default (1,024 fields) costs ~100 KB of heap per open
            // connection, 1,100 kept-alive connections under a checkout burst filled the 256 MB heap
            cfg.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
            cfg.http.maxRequestSize = Math.max(1024 * 1024, api.config().webhookBodyLimit());
            // Javalin copies each answer to Jetty through a buffer of this size, allocated per response (32 KiB by
            // default: a fifth of what a checkout allocated); Jetty's output buffer takes the same size. The API's
            // answers are far smaller; longer ones (pages, metrics) are copied and sent in more pieces
            cfg.http.responseBufferSize = RESPONSE_BUFFER_BYTES;
            // Javalin's own handler reads the pages through the class loader; Jetty's would mount the fat jar as a
            // zip file system once per lookup base (8 here), each indexing all its ~29k entries: ~65 MB of heap
            cfg.resourceHandler(new JavalinStaticResourceHandler());
            cfg.staticFiles.add("/public", io.javalin.http.staticfiles.Location.CLASSPATH);
            cfg.staticFiles.enableWebjars();
            cfg.routes.before(HttpApi::requestId);
            cfg.requestLogger.http((ctx, millis) -> logRequest(ctx, millis, api));
            Errors.install(cfg.routes);
            OpsRoutes.install(cfg.routes, api);
            CatalogRoutes.install(cfg.routes, api);
            OrderRoutes.install(cfg.routes, api);
            CheckoutRoutes.install(cfg.routes, api);
            PaymentRoutes.install(cfg.routes, api);
            WebhookRoutes.install(cfg.routes, api, threads);
            WalletRoutes.install(cfg.routes, api);
            EventRoutes.install(cfg.routes, api);
            AdminRoutes.install(cfg.routes, api);
        });
    }

    /**
     * Jetty's pool, capped at {@code maxThreads} (PAYLEDGER_HTTP_THREADS) instead of Javalin's 250: requests beyond
     * that wait in the pool's queue rather than each holding a thread (stack, malloc arena) while it waits for one
     * of the database pool's connections. Idle threads above the minimum end after a minute.
     */
    static QueuedThreadPool threadPool(int maxThreads) {
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(MIN_THREADS, maxThreads), IDLE_THREAD_TIMEOUT_MS);
        pool.setName("payledger-http");
        return pool;
    }

    private static void requestId(Context ctx) {
        String given = ctx.header("X-Request-Id");
        String id = given != null && REQUEST_ID.matcher(given).matches() ? given : randomId();
        ctx.header("X-Request-Id", id);
        ctx.attribute("payledger.request_id", id);
        MDC.put("request_id", id);
    }

    /**
     * A random version-4 UUID from {@link ThreadLocalRandom}: a request id must be unique, not unguessable, and
     * {@link UUID#randomUUID()} takes the JVM-wide {@code SecureRandom} lock on every request.
     */
    static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private static void logRequest(Context ctx, Float millis, Api api) {
        String route = route(ctx);
        int status = ctx.status().getCode();
        api.metrics().request(ctx.method().name(), route, status, Duration.ofNanos((long) (millis * 1_000_000)));
        String user = Auth.known(ctx).map(c -> c.user().value()).orElse("-");
        LOG.info("request method={} route={} status={} ms={} user={} request_id={}", ctx.method().name(), route,
                status, Math.round(millis * 10) / 10.0, user, (String) ctx.attribute("payledger.request_id"));
        MDC.remove("request_id");
    }

    private static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }
}
