package dev.payledger.app.http;

import dev.payledger.core.payment.PaymentProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The time PayLedger waits on payment providers' APIs: every gateway call is timed into
 * {@code payledger_provider_calls_seconds{provider,operation,outcome}}, and the time a request's thread spent in
 * them is told to the client as {@code Server-Timing: provider;dur=…} (ms), so the provider's share of a
 * checkout can be told apart from PayLedger's own. Thread-safe.
 */
public final class ProviderCalls implements MeterBinder {
    public static final String SERVER_TIMING = "Server-Timing";
    /** Nanoseconds the current thread has spent in provider calls since {@link #startRequest()}. */
    private static final ThreadLocal<long[]> SPENT = ThreadLocal.withInitial(() -> new long[1]);

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();

    /** The provider with its gateway timed. */
    public PaymentProvider timed(PaymentProvider provider) {
        return new PaymentProvider(provider.name(), new TimedGateway(provider.gateway(), this), provider.verifier(),
                provider.reconcilePolicy());
    }

    /** Publishes the call timers to {@code target} (the service's Prometheus registry). */
    @Override
    public void bindTo(MeterRegistry target) {
        registry.add(target);
    }

    <T> T time(String provider, String operation, Supplier<T> call) {
        long began = System.nanoTime();
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "ok";
            return result;
        } finally {
            long took = System.nanoTime() - began;
            SPENT.get()[0] += took;
            Timer.builder("payledger.provider.calls").description("Calls to payment providers' APIs, as PayLedger waited for them")
                    .tag("provider", provider).tag("operation", operation).tag("outcome", outcome)
                    .publishPercentileHistogram().register(registry).record(took, TimeUnit.NANOSECONDS);
        }
    }

    /** Starts counting the current thread's provider time for a new request. */
    static void startRequest() {
        SPENT.get()[0] = 0;
    }

    /** {@code provider;dur=12.345}: the current request's provider time so far, in milliseconds. */
    static String serverTiming() {
        long micros = SPENT.get()[0] / 1_000;
        String fraction = Long.toString(1_000 + micros % 1_000).substring(1);
        return "provider;dur=" + micros / 1_000 + "." + fraction;
    }
}
