package dev.payledger.bench;

import dev.payledger.bench.micro.SignedWebhooks;
import dev.payledger.sandbox.ServiceTimes;
import dev.payledger.sandbox.razorpay.RazorpayEmulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scenarios (3), (5) and (6) against the running service (app-javalin's jar, its own process, {@code -Xmx256m})
 * on the bench database, with the Razorpay emulator on loopback as its provider API. (5) runs after a warm-up
 * of the checkout path (the JIT), and splits each checkout's latency into the provider's part, as the service
 * waited for it ({@code Server-Timing}), and PayLedger's own (the rest); the emulator's own service time per
 * API call is reported beside it.
 */
final class HttpScenarios {
    static final String KEY_ID = "rzp_test_bench";
    static final String KEY_SECRET = "rzp_test_bench_secret";
    static final String JWT_SECRET = "bench-jwt-secret-that-is-at-least-32-bytes-long";
    static final double CHECKOUT_RATE = 500;
    /** (5) is measured on a warmed-up checkout path: at least this long at {@link #CHECKOUT_WARMUP_RATE} first. */
    static final Duration CHECKOUT_WARMUP_MIN = Duration.ofSeconds(10);
    static final double CHECKOUT_WARMUP_RATE = 100;

    private HttpScenarios() {
    }

    /** A step of (3): the offered rate, what came back, and how many payments were credited per second. */
    record WebhookStep(double rate, OpenLoop.Result result, double creditedPerSecond) {
    }

    /**
     * (5): the warm-up, the measured checkouts, and the emulator's own service time per route during them; then
     * the emulator alone at the same rate, with its service time.
     */
    record Outcome(List<WebhookStep> steps, Optional<WebhookStep> highestSustained, double peakRssMegabytes,
                   OpenLoop.Result warmup, OpenLoop.Result checkout, EmulatorTimes emulatorDuringCheckout,
                   OpenLoop.Result emulatorAlone, EmulatorTimes emulatorAloneTimes) {
    }

    /** The emulator's own time per API route (from reaching its handler to its answer written). */
    record EmulatorTimes(Map<String, Long> calls, Map<String, Duration> p50, Map<String, Duration> p99) {
        static EmulatorTimes of(ServiceTimes times) {
            Map<String, Long> calls = times.counts();
            Map<String, Duration> p50 = new java.util.TreeMap<>();
            Map<String, Duration> p99 = new java.util.TreeMap<>();
            calls.keySet().forEach(route -> {
                p50.put(route, times.percentile(route, 50));
                p99.put(route, times.percentile(route, 99));
            });
            return new EmulatorTimes(calls, p50, p99);
        }

        /** {@code POST /v1/orders: 1,000 calls, p50 0.21 ms, p99 1.30 ms; …} */
        String describe() {
            return calls.keySet().stream().map(route -> String.format(java.util.Locale.ROOT,
                    "%s: %,d calls, p50 %.2f ms, p99 %.2f ms", route, calls.get(route), p50.get(route).toNanos() / 1e6,
                    p99.get(route).toNanos() / 1e6)).reduce((a, b) -> a + "; " + b).orElse("no calls");
        }
    }

    static Outcome run(BenchDatabase db, Duration duration) {
        Path jar = ServiceProcess.jar();
        try (RazorpayEmulator emulator = RazorpayEmulator.start(0, KEY_ID, KEY_SECRET, SignedWebhooks.RAZORPAY_SECRET);
             ServiceProcess service = ServiceProcess.start(jar, environment(db, emulator))) {
            HttpClient client = OpenLoop.client();
            List<WebhookStep> steps = webhooks(db, client, service.baseUrl(), duration);
            double rss = service.peakRssMegabytes();
            Optional<WebhookStep> best = steps.stream().filter(step -> step.result().sustained())
                    .reduce((a, b) -> b.creditedPerSecond() > a.creditedPerSecond() ? b : a);
            Duration warm = Duration.ofMillis(Math.max(CHECKOUT_WARMUP_MIN.toMillis(), duration.toMillis()));
            OpenLoop.Result warmup = OpenLoop.run(client, CHECKOUT_WARMUP_RATE, warm, 1,
                    n -> checkout(service.baseUrl(), "warm-" + n), status -> status == 201);
            System.out.printf("  (5) warm-up %.0f/s for %d s: ok %d/%d, p50 %.1f ms, p99 %.1f ms%n", CHECKOUT_WARMUP_RATE,
                    warm.toSeconds(), warmup.ok(), warmup.offered(), warmup.latencies().percentileMillis(50),
                    warmup.latencies().percentileMillis(99));
            emulator.serviceTimes().reset();
            OpenLoop.Result checkout = OpenLoop.run(client, CHECKOUT_RATE, duration, 1,
                    n -> checkout(service.baseUrl(), "buyer-" + n), status -> status == 201);
            EmulatorTimes during = EmulatorTimes.of(emulator.serviceTimes());
            System.out.printf("  (5) %.0f/s: ok %d/%d, p50 %.1f ms, p99 %.1f ms; PayLedger's share p50 %.1f ms, p99 %.1f ms; "
                            + "provider as waited p50 %.1f ms, p99 %.1f ms%n", CHECKOUT_RATE, checkout.ok(), checkout.offered(),
                    checkout.latencies().percentileMillis(50), checkout.latencies().percentileMillis(99),
                    checkout.own().percentileMillis(50), checkout.own().percentileMillis(99),
                    checkout.provider().percentileMillis(50), checkout.provider().percentileMillis(99));
            emulator.serviceTimes().reset();
            OpenLoop.Result alone = OpenLoop.run(client, CHECKOUT_RATE, duration, 1,
                    n -> emulatorOrder(emulator.baseUri(), n), status -> status == 200);
            return new Outcome(steps, best, rss, warmup, checkout, during, alone, EmulatorTimes.of(emulator.serviceTimes()));
        }
    }

    private static List<WebhookStep> webhooks(BenchDatabase db, HttpClient client, String baseUrl, Duration duration) {
        Duration step = Duration.ofMillis(Math.max(1000, Math.min(10_000, duration.toMillis() / 2)));
        List<WebhookStep> steps = new ArrayList<>();
        RazorpayPayments.loadOpen(db.jdbi, "whwarm", 1000);
        OpenLoop.run(client, 100, Duration.ofSeconds(5), 1,
                n -> webhook(baseUrl + "/webhooks/razorpay", "whwarm", Math.min(n, 1000)), s -> s == 200);
        double rate = 50;
        int index = 0;
        while (rate <= 12_800) {
            String run = "wh" + index++;
            int count = (int) (rate * step.toNanos() / 1e9) + 1;
            RazorpayPayments.loadOpen(db.jdbi, run, count);
            long began = System.nanoTime();
            String url = baseUrl + "/webhooks/razorpay";
            OpenLoop.Result result = OpenLoop.run(client, rate, step, 1, n -> webhook(url, run, n), s -> s == 200);
            double seconds = (System.nanoTime() - began) / 1e9;
            long credited = RazorpayPayments.captured(db.jdbi, run);
            WebhookStep done = new WebhookStep(rate, result, credited / seconds);
            steps.add(done);
            System.out.printf("  (3) step %.0f/s: ok %d/%d, p50 %.1f ms, p99 %.1f ms, credited %.0f/s%s%n", rate,
                    result.ok(), result.offered(), result.latencies().percentileMillis(50),
                    result.latencies().percentileMillis(99), done.creditedPerSecond(),
                    result.sustained() ? "" : " (not sustained)");
            if (!result.sustained()) {
                break;
            }
            rate *= 2;
        }
        return steps;
    }

    private static HttpRequest webhook(String url, String run, long n) {
        byte[] body = RazorpayPayments.capturedEvent(run, n);
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Razorpay-Signature", SignedWebhooks.hmacHex(SignedWebhooks.RAZORPAY_SECRET, body))
                .header("X-Razorpay-Event-Id", "evt_" + run + "_" + n)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static HttpRequest checkout(String baseUrl, String user) {
        String body = "{\"package_id\":\"starter\",\"currency\":\"INR\",\"provider\":\"razorpay\"}";
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/checkout")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + jwt(user))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest emulatorOrder(URI base, long n) {
        String body = "{\"amount\":4900,\"currency\":\"INR\",\"receipt\":\"bench-" + n + "\"}";
        String basic = Base64.getEncoder().encodeToString((KEY_ID + ":" + KEY_SECRET).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(base.resolve("/v1/orders")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** An HS256 token for {@code user}, valid for an hour. */
    static String jwt(String user) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = System.currentTimeMillis() / 1000 + 3600;
        String claims = url.encodeToString(("{\"sub\":\"" + user + "\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + claims;
        byte[] mac = java.util.HexFormat.of().parseHex(SignedWebhooks.hmacHex(JWT_SECRET,
                signingInput.getBytes(StandardCharsets.US_ASCII)));
        return signingInput + "." + url.encodeToString(mac);
    }

    private static Map<String, String> environment(BenchDatabase db, RazorpayEmulator emulator) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PAYLEDGER_SANDBOX", "false");
        env.put("PAYLEDGER_HOST", "127.0.0.1");
        env.put("PAYLEDGER_PORT", "0");
        env.put("PAYLEDGER_DATA_DIR", Path.of("target", "bench-app-data").toString());
        env.put("PAYLEDGER_DB_URL", "jdbc:postgresql://" + db.host + ":" + db.port + "/" + db.database);
        env.put("PAYLEDGER_DB_USER", db.user);
        db.password.ifPresent(password -> env.put("PAYLEDGER_DB_PASSWORD", password));
        env.put("PAYLEDGER_RAZORPAY_KEY_ID", KEY_ID);
        env.put("PAYLEDGER_RAZORPAY_KEY_SECRET", KEY_SECRET);
        env.put("PAYLEDGER_RAZORPAY_WEBHOOK_SECRET", SignedWebhooks.RAZORPAY_SECRET);
        env.put("PAYLEDGER_RAZORPAY_BASE_URL", emulator.baseUri().toString());
        // as in the sandbox: each Razorpay INR checkout also carries a UPI intent and its QR code
        env.put("PAYLEDGER_RAZORPAY_PAYEE_VPA", "payledger@bench");
        env.put("PAYLEDGER_STRIPE_ENABLED", "false");
        env.put("PAYLEDGER_COINBASE_ENABLED", "false");
        env.put("PAYLEDGER_JWT_SECRET", JWT_SECRET);
        env.put("PAYLEDGER_CHECKOUT_RATE_LIMIT", "100000");
        env.put("PAYLEDGER_RECONCILE_INTERVAL", "60m");
        return env;
    }
}
