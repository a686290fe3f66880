package dev.payledger.bench;

import dev.payledger.bench.micro.SignedWebhooks;
import dev.payledger.sandbox.ServiceTimes;
import dev.payledger.sandbox.razorpay.RazorpayEmulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;

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
    static final double[] CHECKOUT_STEPS = {50, 100, 200, 300, 400};
    /** Warm-ups run in slices of this length until C2 is idle (see {@link #warmUp}), at most {@link #WARMUP_MAX}. */
    static final Duration WARMUP_SLICE = Duration.ofSeconds(10);
    static final Duration WARMUP_MAX = Duration.ofSeconds(240);
    /** 2 % of a core. */
    static final double JIT_IDLE_MILLIS_PER_SECOND = 20;
    /** (3)'s warm-up rates; {@code BENCH_WEBHOOK_WARMUP_SECONDS} makes it that long at 200/s instead. */
    static final double[] WEBHOOK_WARMUP_RATES = {200, 400, 800, 1200, 200};
    /** (3)'s steps up to this rate get their open payments before the warm-up; faster ones between the steps. */
    static final double PRELOADED_UP_TO = 4_000;
    static final Optional<Duration> WEBHOOK_WARMUP_FIXED = Optional.ofNullable(
            System.getenv("BENCH_WEBHOOK_WARMUP_SECONDS")).map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)));
    /**
     * (5)'s warm-up rates, ending at the measured rate: until session 13 the warm-up settled at 100/s, and C2 was
     * idle there only because the paths that get hot at 400-500/s had not reached its thresholds yet. It then
     * compiled during the steps and the 500/s run (the service's C2 thread 0.1-0.66 s of CPU a second, lined up
     * with that run's worst window through /proc/&lt;pid&gt;/task/&lt;tid&gt;/schedstat).
     */
    static final double[] CHECKOUT_WARMUP_RATES = {100, 200, 400, CHECKOUT_RATE};
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private HttpScenarios() {
    }

    /** A step of (3): the offered rate, what came back, and how many payments were credited per second. */
    record WebhookStep(double rate, OpenLoop.Result result, double creditedPerSecond, String cpu) {
    }

    /**
     * (5): the warm-up, the measured checkouts, and the emulator's own service time per route during them; then
     * the emulator alone at the same rate, with its service time.
     */
    record Outcome(List<WebhookStep> steps, Optional<WebhookStep> highestSustained, double peakRssMegabytes,
                   Optional<Checkouts> checkouts) {
    }

    /** (5): the warm-up, the measured checkouts with the CPU they cost, the emulator's own times, the emulator alone. */
    record Checkouts(OpenLoop.Result warmup, List<CheckoutStep> steps, OpenLoop.Result checkout, String cpu,
                     EmulatorTimes emulatorDuringCheckout, OpenLoop.Result emulatorAlone, EmulatorTimes emulatorAloneTimes) {
    }

    /** A lower rate tried before the goal's 500/s, to show where PayLedger's share stays within 5 ms. */
    record CheckoutStep(double rate, OpenLoop.Result result, String cpu) {
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

    /** Runs (3) and (6) when {@code webhooks}, (5) when {@code checkouts}, on one service process. */
    static Outcome run(BenchDatabase db, Duration duration, boolean webhooks, boolean checkouts) {
        Path jar = ServiceProcess.jar();
        try (RazorpayEmulator emulator = RazorpayEmulator.start(0, KEY_ID, KEY_SECRET, SignedWebhooks.RAZORPAY_SECRET);
             ServiceProcess service = ServiceProcess.start(jar, environment(db, emulator))) {
            URI base = URI.create(service.baseUrl());
            CpuMeter cpu = new CpuMeter(service.pid());
            List<WebhookStep> steps = webhooks ? webhooks(db, base, duration, cpu) : List.of();
            double rss = service.peakRssMegabytes();
            Optional<WebhookStep> best = steps.stream().filter(step -> step.result().sustained())
                    .reduce((a, b) -> b.creditedPerSecond() > a.creditedPerSecond() ? b : a);
            return new Outcome(steps, best, rss, checkouts ? Optional.of(checkouts(emulator, base, duration, cpu))
                    : Optional.empty());
        }
    }

    private static Checkouts checkouts(RazorpayEmulator emulator, URI base, Duration duration, CpuMeter cpu) {
        OpenLoop.Result warmup = warmUp("5", base, cpu, CHECKOUT_WARMUP_RATES, Optional.empty(), status -> status == 201,
                (slice, count) -> n -> checkout("warm-" + slice + "-" + n));
        // 500/s right after its warm-up: the lower steps first left paths to compile again at 500/s (session 13:
        // the service's C2 ran 58-140 ms a second in the run's first three seconds)
        emulator.serviceTimes().reset();
        CpuMeter.Sample checkoutStart = cpu.sample();
        OpenLoop.Result checkout = OpenLoop.run(base, CHECKOUT_RATE, duration, 1,
                n -> checkout("buyer-" + n), status -> status == 201);
        String spent = cpu.sample().perRequest(checkoutStart, checkout.offered());
        EmulatorTimes during = EmulatorTimes.of(emulator.serviceTimes());
        System.out.printf("  (5) %.0f/s: ok %d/%d, p50 %.1f ms, p99 %.1f ms; PayLedger's share p50 %.1f ms, p99 %.1f ms; "
                        + "provider as waited p50 %.1f ms, p99 %.1f ms; %s%n", CHECKOUT_RATE, checkout.ok(), checkout.offered(),
                checkout.latencies().percentileMillis(50), checkout.latencies().percentileMillis(99),
                checkout.own().percentileMillis(50), checkout.own().percentileMillis(99),
                checkout.provider().percentileMillis(50), checkout.provider().percentileMillis(99), spent);
        List<CheckoutStep> steps = new ArrayList<>();
        Duration stepLength = stepLength(duration);
        for (double rate : CHECKOUT_STEPS) {
            CpuMeter.Sample stepStart = cpu.sample();
            OpenLoop.Result step = OpenLoop.run(base, rate, stepLength, 1, n -> checkout("step-" + (long) rate + "-" + n),
                    status -> status == 201);
            String stepSpent = cpu.sample().perRequest(stepStart, step.offered());
            steps.add(new CheckoutStep(rate, step, stepSpent));
            System.out.printf("  (5) step %.0f/s: ok %d/%d, PayLedger's share p50 %.1f ms, p99 %.1f ms; whole p99 %.1f ms; %s%n",
                    rate, step.ok(), step.offered(), step.own().percentileMillis(50), step.own().percentileMillis(99),
                    step.latencies().percentileMillis(99), stepSpent);
        }
        emulator.serviceTimes().reset();
        OpenLoop.Result alone = OpenLoop.run(emulator.baseUri(), CHECKOUT_RATE, duration, 1,
                n -> emulatorOrder(n), status -> status == 200);
        return new Checkouts(warmup, steps, checkout, spent, during, alone, EmulatorTimes.of(emulator.serviceTimes()));
    }

    private static List<WebhookStep> webhooks(BenchDatabase db, URI base, Duration duration, CpuMeter cpu) {
        Duration step = stepLength(duration);
        List<WebhookStep> steps = new ArrayList<>();
        CpuMeter.Sample idleStart = cpu.sample();
        sleep(Duration.ofSeconds(3));
        System.out.printf("  (3) idle service for 3 s: %s%n", cpu.sample().perRequest(idleStart, 3)
                .replace("per request", "per second idle"));
        // The steps' open payments are loaded once, before the warm-up. Loaded between the steps, each step began
        // right after a bulk insert of its payments and an ANALYZE of the table (0.4–1 s of database CPU, a burst
        // of WAL and dirty pages, every cached plan on payments made anew).
        long loading = System.nanoTime();
        double preloaded = 0;
        for (double rate = 100; rate <= PRELOADED_UP_TO; rate = nextRate(rate)) {
            RazorpayPayments.loadOpen(db.jdbi, stepRun(rate), stepCount(rate, step));
            preloaded = rate;
        }
        RazorpayPayments.analyze(db.jdbi);
        System.out.printf("  (3) open payments for the steps up to %.0f/s loaded in %.1f s%n", preloaded,
                (System.nanoTime() - loading) / 1e9);
        warmUp("3", base, cpu, WEBHOOK_WARMUP_RATES, WEBHOOK_WARMUP_FIXED, status -> status == 200, (slice, count) -> {
            String run = "whwarm" + slice;
            RazorpayPayments.loadOpen(db.jdbi, run, count);
            RazorpayPayments.analyze(db.jdbi);
            return n -> webhook(run, n);
        });
        for (double rate = 100; rate <= 12_800; rate = nextRate(rate)) {
            String run = stepRun(rate);
            if (rate > preloaded) {
                RazorpayPayments.loadOpen(db.jdbi, run, stepCount(rate, step));
                RazorpayPayments.analyze(db.jdbi);
            }
            long began = System.nanoTime();
            String startedAt = LocalTime.now().format(CLOCK); // to line up with GC and database logs
            CpuMeter.Sample before = cpu.sample();
            OpenLoop.Result result = OpenLoop.run(base, rate, step, 1, n -> webhook(run, n), s -> s == 200);
            double seconds = (System.nanoTime() - began) / 1e9;
            String spent = cpu.sample().perRequest(before, result.offered());
            long credited = RazorpayPayments.captured(db.jdbi, run);
            WebhookStep done = new WebhookStep(rate, result, credited / seconds, spent);
            steps.add(done);
            System.out.printf("  (3) step %.0f/s from %s: ok %d/%d, p50 %.1f ms, p99 %.1f ms, max %.0f ms, credited %.0f/s%s; %s%n",
                    rate, startedAt, result.ok(), result.offered(), result.latencies().percentileMillis(50),
                    result.latencies().percentileMillis(99), result.latencies().percentileMillis(100), done.creditedPerSecond(),
                    result.sustained() ? "" : " (not sustained)", spent);
            if (!result.sustained()) {
                break;
            }
        }
        return steps;
    }

    /** (3)'s step rates: 100, 200, 400, then 200/s more each. */
    private static double nextRate(double rate) {
        return rate < 400 ? rate * 2 : rate + 200;
    }

    private static String stepRun(double rate) {
        return "wh" + (long) rate;
    }

    private static int stepCount(double rate, Duration step) {
        return (int) (rate * step.toNanos() / 1e9) + 1;
    }

    /**
     * C2 on two busy cores needs one to three minutes to compile a request path (after a fixed 30 s its threads
     * still used 1–3 ms of CPU per webhook): the steps measure a warmed-up service. Slices of
     * {@link #WARMUP_SLICE} at {@code rates} (bigger batches run code smaller ones do not), then at the last rate
     * until the service's JIT threads used less than {@link #JIT_IDLE_MILLIS_PER_SECOND} in a slice, for
     * {@link #WARMUP_MAX} at most; or one slice of {@code fixed} at the first rate.
     *
     * @param requests the requests of slice {@code i} of {@code count} requests (prepared before it runs)
     * @return the last slice
     */
    private static OpenLoop.Result warmUp(String scenario, URI base, CpuMeter cpu, double[] rates,
                                          Optional<Duration> fixed, IntPredicate ok,
                                          BiFunction<Integer, Integer, LongFunction<RawHttp.Request>> requests) {
        long began = System.nanoTime();
        for (int slice = 0; ; slice++) {
            Duration length = fixed.orElse(WARMUP_SLICE);
            double rate = rates[fixed.isPresent() ? 0 : Math.min(slice, rates.length - 1)];
            LongFunction<RawHttp.Request> sliceRequests = requests.apply(slice, (int) (rate * length.toSeconds()) + 1);
            CpuMeter.Sample before = cpu.sample();
            long sliceBegan = System.nanoTime();
            OpenLoop.Result warm = OpenLoop.run(base, rate, length, 1, sliceRequests, ok);
            CpuMeter.Sample after = cpu.sample();
            double jitPerSecond = (after.serviceJit() - before.serviceJit()) / 1e6 / ((System.nanoTime() - sliceBegan) / 1e9);
            System.out.printf("  (%s) warm-up %.0f/s for %d s: ok %d/%d, p99 %.1f ms, service JIT %.0f ms per second; %s%n",
                    scenario, rate, length.toSeconds(), warm.ok(), warm.offered(), warm.latencies().percentileMillis(99),
                    jitPerSecond, after.perRequest(before, warm.offered()));
            boolean settled = slice >= rates.length - 1 && jitPerSecond < JIT_IDLE_MILLIS_PER_SECOND;
            if (fixed.isPresent() || settled || System.nanoTime() - began > WARMUP_MAX.toNanos()) {
                return warm;
            }
        }
    }

    /** A step of (3) or (5): half the measurement, 1 to 10 s. */
    private static Duration stepLength(Duration duration) {
        return Duration.ofMillis(Math.max(1000, Math.min(10_000, duration.toMillis() / 2)));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RawHttp.Request webhook(String run, long n) {
        byte[] body = RazorpayPayments.capturedEvent(run, n);
        return RawHttp.Request.post("/webhooks/razorpay", Map.of("Content-Type", "application/json",
                "X-Razorpay-Signature", SignedWebhooks.hmacHex(SignedWebhooks.RAZORPAY_SECRET, body),
                "X-Razorpay-Event-Id", "evt_" + run + "_" + n), body);
    }

    private static RawHttp.Request checkout(String user) {
        String body = "{\"package_id\":\"starter\",\"currency\":\"INR\",\"provider\":\"razorpay\"}";
        return RawHttp.Request.post("/api/checkout", Map.of("Content-Type", "application/json",
                "Authorization", "Bearer " + jwt(user)), body.getBytes(StandardCharsets.UTF_8));
    }

    private static RawHttp.Request emulatorOrder(long n) {
        String body = "{\"amount\":4900,\"currency\":\"INR\",\"receipt\":\"bench-" + n + "\"}";
        String basic = Base64.getEncoder().encodeToString((KEY_ID + ":" + KEY_SECRET).getBytes(StandardCharsets.UTF_8));
        return RawHttp.Request.post("/v1/orders", Map.of("Content-Type", "application/json",
                "Authorization", "Basic " + basic), body.getBytes(StandardCharsets.UTF_8));
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
