package dev.payledger.app.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's Prometheus metrics: checkouts and webhook outcomes per provider, settlements (from the
 * outbox), the inbox backlog per state, and request latency histograms per route. Thread-safe.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicLong> inbox = new ConcurrentHashMap<>();
    /** Meters by name and tag values: building and registering one costs more than the count it records. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public void checkout(String provider, String outcome) {
        counters.computeIfAbsent("checkouts " + provider + " " + outcome, key -> Counter.builder("payledger.checkouts")
                .description("Checkouts started, by provider and outcome").tag("provider", provider)
                .tag("outcome", outcome).register(registry)).increment();
    }

    public void webhook(String provider, String outcome) {
        counters.computeIfAbsent("webhooks " + provider + " " + outcome, key -> Counter.builder("payledger.webhooks")
                .description("Webhooks received, by provider and outcome").tag("provider", provider)
                .tag("outcome", outcome).register(registry)).increment();
    }

    public void settlement(String provider, String status) {
        Counter.builder("payledger.settlements").description("Payments settled (from the outbox), by provider")
                .tag("provider", provider).tag("status", status).register(registry).increment();
    }

    public void inboxBacklog(String state, long count) {
        inbox.computeIfAbsent(state, s -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("payledger.inbox.events", value, AtomicLong::get)
                    .description("Webhook inbox events by state").tag("state", s).register(registry);
            return value;
        }).set(count);
    }

    public void request(String method, String route, int status, Duration took) {
        timers.computeIfAbsent(method + " " + route + " " + status, key -> Timer.builder("payledger.http.requests")
                .description("HTTP request latency").tag("method", method).tag("route", route)
                .tag("status", Integer.toString(status)).publishPercentileHistogram().register(registry)).record(took);
    }

    public void job(String name, Duration took) {
        Timer.builder("payledger.jobs").description("Background job latency").tag("job", name)
                .publishPercentileHistogram().register(registry).record(took);
    }

    /** Adds meters kept elsewhere (the provider call timers) to what {@link #scrape()} shows. */
    public void bind(io.micrometer.core.instrument.binder.MeterBinder meters) {
        meters.bindTo(registry);
    }

    public String scrape() {
        return registry.scrape();
    }
}
