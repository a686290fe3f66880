package dev.payledger.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;

/**
 * A constant-arrival-rate load generator: request {@code i} is due at {@code start + i / rate} whatever happened
 * to earlier ones, and its latency is measured from when it was due (no coordinated omission: a stalled server
 * shows up in the percentiles). {@value #CONNECTIONS} workers, each with its own keep-alive connection
 * ({@link RawHttp}), take the next due request; when all are busy the next request is sent late and its
 * lateness counts in its latency. The workers connect before the schedule starts: opened by their first
 * requests, the connections made the first {@value #CONNECTIONS} requests of every run pay for a TCP handshake
 * and the server's new connection (until session 11: in a 500/s checkout run, a third of the answers whose
 * share was above 5 ms came in its first half second). When the answers say how long the server waited on
 * someone else ({@code Server-Timing: provider;dur=…}), that part and the rest of each request's latency are
 * kept apart too. Each run starts with a collection of this JVM, whose young generation (1 GiB in
 * {@code run.sh}) then holds a checkout run or step without another: its collections paused the generator and
 * the emulators 11–82 ms in the middle of runs, and those pauses counted as the service's latency.
 * With {@code BENCH_REQUEST_LOG=<file>} every answer is appended to that file as one line: the rate, when it was
 * due (wall clock, epoch microseconds, to line up with GC and database logs), its latency and the provider time
 * in microseconds (-1 when not said).
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
        System.gc(); // an empty young generation: the generator does not pause inside a run (see run.sh)
        long[] startAt = new long[1]; // set before go opens, read after it
        CountDownLatch connected = new CountDownLatch((int) Math.min(CONNECTIONS, count));
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong next = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        Latencies latencies = new Latencies();
        Latencies provider = new Latencies();
        Latencies own = new Latencies();
        String requestLog = System.getenv("BENCH_REQUEST_LOG");
        long[][] answers = requestLog == null || requestLog.isBlank() ? null : new long[(int) count][];
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(CONNECTIONS, count); w++) {
            Thread worker = new Thread(() -> {
                try (RawHttp.Connection connection = new RawHttp.Connection(base)) {
                    try {
                        connection.connect();
                    } catch (IOException | RuntimeException e) {
                        // the first exchange tries again and counts a failure
                    } finally {
                        connected.countDown();
                    }
                    awaitUninterruptibly(go);
                    long start = startAt[0];
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
                        if (answers != null) {
                            answers[(int) i] = new long[] {due, now - due, waited};
                        }
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
        awaitUninterruptibly(connected);
        long start = System.nanoTime() + 10_000_000;
        startAt[0] = start;
        lastAnswer.set(start);
        go.countDown();
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (answers != null) {
            requestLog(Path.of(requestLog), rate, start, answers);
        }
        synchronized (latencies) {
            return new Result(count, ok.get(), failed.get(), Duration.ofNanos((long) ((count - 1) * interval)),
                    Duration.ofNanos(Math.max(0, lastAnswer.get() - start)), latencies, provider, own);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void requestLog(Path file, double rate, long start, long[][] answers) {
        long epochNanosAtStart = System.currentTimeMillis() * 1_000_000L + (start - System.nanoTime());
        StringBuilder lines = new StringBuilder();
        for (long[] answer : answers) {
            if (answer != null) {
                long dueMicros = (epochNanosAtStart + answer[0] - start) / 1000;
                long providerMicros = answer[2] < 0 ? -1 : answer[2] / 1000;
                lines.append(String.format(Locale.ROOT, "%.0f %d %d %d%n", rate, dueMicros, answer[1] / 1000,
                        providerMicros));
            }
        }
        try {
            Files.writeString(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("BENCH_REQUEST_LOG: cannot write " + file + ": " + e.getMessage());
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
