package dev.payledger.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;

/**
 * A constant-arrival-rate load generator on {@link HttpClient}: request {@code i} is due at
 * {@code start + i / rate} whatever happened to earlier ones, and its latency is measured from when it was
 * due (no coordinated omission: a stalled server shows up in the percentiles). At most {@code maxInFlight}
 * requests are outstanding; one that cannot be sent then counts as failed. When the answers say how long the
 * server waited on someone else ({@code Server-Timing: provider;dur=…}), that part and the rest of each
 * request's latency are kept apart too.
 */
final class OpenLoop {
    private static final int MAX_IN_FLIGHT = 4096;

    private OpenLoop() {
    }

    /**
     * @param provider what the answers said the server spent waiting on a provider (empty when they did not say)
     * @param own      per answer that said so: its latency minus that provider time
     */
    record Result(long offered, long ok, long failed, Duration sendWindow, Duration lastAnswerAfter,
                  Latencies latencies, Latencies provider, Latencies own) {
        /** Answered well, not much behind the schedule. */
        boolean sustained() {
            return ok >= offered * 0.99 && lastAnswerAfter.toMillis() <= sendWindow.toMillis() + 1000;
        }
    }

    static Result run(HttpClient client, double rate, Duration duration, long firstSequence,
                      LongFunction<HttpRequest> request, IntPredicate okStatus) {
        long count = Math.max(1, (long) (rate * duration.toNanos() / 1e9));
        double interval = 1e9 / rate;
        Latencies latencies = new Latencies();
        Latencies provider = new Latencies();
        Latencies own = new Latencies();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long start = System.nanoTime() + 10_000_000;
        for (long i = 0; i < count; i++) {
            long due = start + (long) (i * interval);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                failed.incrementAndGet();
                continue;
            }
            CompletableFuture<HttpResponse<String>> answer;
            try {
                answer = client.sendAsync(request.apply(firstSequence + i), HttpResponse.BodyHandlers.ofString());
            } catch (RuntimeException e) {
                inFlight.release();
                failed.incrementAndGet();
                continue;
            }
            answer.whenComplete((response, error) -> {
                long now = System.nanoTime();
                long waited = error == null ? providerNanos(response) : -1;
                synchronized (latencies) {
                    latencies.record(now - due);
                    if (waited >= 0) {
                        provider.record(waited);
                        own.record(Math.max(0, now - due - waited));
                    }
                }
                lastAnswer.accumulateAndGet(now, Math::max);
                (error == null && okStatus.test(response.statusCode()) ? ok : failed).incrementAndGet();
                inFlight.release();
            });
        }
        long sent = System.nanoTime();
        try {
            if (!inFlight.tryAcquire(MAX_IN_FLIGHT, 60, TimeUnit.SECONDS)) {
                failed.addAndGet(MAX_IN_FLIGHT - inFlight.availablePermits());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (latencies) {
            return new Result(count, ok.get(), failed.get(), Duration.ofNanos(sent - start),
                    Duration.ofNanos(Math.max(0, lastAnswer.get() - start)), latencies, provider, own);
        }
    }

    /** {@code Server-Timing: provider;dur=12.345} in nanoseconds, or -1 when the answer does not say. */
    static long providerNanos(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Server-Timing")) {
            for (String metric : header.split(",")) {
                String[] parts = metric.trim().split(";");
                if (!parts[0].trim().equals("provider")) {
                    continue;
                }
                for (String parameter : parts) {
                    String trimmed = parameter.trim();
                    if (trimmed.startsWith("dur=")) {
                        try {
                            return (long) (Double.parseDouble(trimmed.substring(4)) * 1_000_000);
                        } catch (NumberFormatException e) {
                            return -1;
                        }
                    }
                }
            }
        }
        return -1;
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
