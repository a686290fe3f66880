package dev.payledger.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;

/**
 * A constant-arrival-rate load generator: request {@code i} is due at {@code start + i / rate} whatever happened
 * to earlier ones, and its latency is measured from when it was due (no coordinated omission: a stalled server
 * shows up in the percentiles). {@value #CONNECTIONS} workers, each with its own keep-alive connection
 * ({@link RawHttp}), take the next due request; when all are busy the next request is sent late and its
 * lateness counts in its latency. When the answers say how long the server waited on someone else
 * ({@code Server-Timing: provider;dur=…}), that part and the rest of each request's latency are kept apart too.
 */
final class OpenLoop {
    static final int CONNECTIONS = 256;

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

    static Result run(URI base, double rate, Duration duration, long firstSequence,
                      LongFunction<RawHttp.Request> request, IntPredicate okStatus) {
        long count = Math.max(1, (long) (rate * duration.toNanos() / 1e9));
        double interval = 1e9 / rate;
        long start = System.nanoTime() + 10_000_000;
        AtomicLong next = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong(start);
        Latencies latencies = new Latencies();
        Latencies provider = new Latencies();
        Latencies own = new Latencies();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(CONNECTIONS, count); w++) {
            Thread worker = new Thread(() -> {
                try (RawHttp.Connection connection = new RawHttp.Connection(base)) {
                    for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long due = start + (long) (i * interval);
                        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                            LockSupport.parkNanos(wait);
                        }
                        RawHttp.Response response;
                        try {
                            response = connection.exchange(request.apply(firstSequence + i));
                        } catch (IOException | RuntimeException e) {
                            failed.incrementAndGet();
                            connection.close();
                            continue;
                        }
                        long now = System.nanoTime();
                        long waited = providerNanos(response.headers().get("server-timing"));
                        synchronized (latencies) {
                            latencies.record(now - due);
                            if (waited >= 0) {
                                provider.record(waited);
                                own.record(Math.max(0, now - due - waited));
                            }
                        }
                        lastAnswer.accumulateAndGet(now, Math::max);
                        (okStatus.test(response.status()) ? ok : failed).incrementAndGet();
                    }
                }
            }, "load-" + w);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (latencies) {
            return new Result(count, ok.get(), failed.get(), Duration.ofNanos((long) ((count - 1) * interval)),
                    Duration.ofNanos(Math.max(0, lastAnswer.get() - start)), latencies, provider, own);
        }
    }

    /** {@code Server-Timing: provider;dur=12.345} in nanoseconds, or -1 when the header does not say. */
    static long providerNanos(String header) {
        if (header == null) {
            return -1;
        }
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
        return -1;
    }
}
