package dev.payledger.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Closed-loop load: {@code callers} threads call an operation back to back for a while, counting outcomes. */
final class Load {
    private Load() {
    }

    /** One call; returns true when it counts as done (accepted, settled). Gets a process-wide sequence number. */
    interface Operation {
        boolean call(long sequence) throws Exception;
    }

    /** Thrown by an operation when there is nothing left to do: its caller stops, the others go on. */
    static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted() {
            super(null, null, false, false);
        }
    }

    record Result(long done, long other, Duration elapsed, Latencies latencies) {
        double perSecond() {
            return done / (elapsed.toNanos() / 1e9);
        }
    }

    static Result run(int callers, Duration duration, long firstSequence, Operation operation) {
        return run(callers, Duration.ZERO, duration, firstSequence, operation);
    }

    /** As {@link #run(int, Duration, long, Operation)}, after {@code warmup} of calls that are not counted. */
    static Result run(int callers, Duration warmup, Duration duration, long firstSequence, Operation operation) {
        AtomicLong sequence = new AtomicLong(firstSequence);
        AtomicLong done = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Latencies> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long[] window = new long[2];
        for (int i = 0; i < callers; i++) {
            Latencies latencies = new Latencies();
            perThread.add(latencies);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    while (System.nanoTime() < window[1] && failure.get() == null) {
                        long began = System.nanoTime();
                        boolean ok = operation.call(sequence.getAndIncrement());
                        if (began >= window[0]) {
                            latencies.record(System.nanoTime() - began);
                            (ok ? done : other).incrementAndGet();
                        }
                    }
                } catch (Exhausted e) {
                    // this caller is done
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-caller-" + i);
            threads.add(thread);
            thread.start();
        }
        window[0] = System.nanoTime() + warmup.toNanos();
        window[1] = window[0] + duration.toNanos();
        start.countDown();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - window[0]);
        if (failure.get() != null) {
            throw new IllegalStateException("A caller failed: " + failure.get(), failure.get());
        }
        Latencies all = new Latencies();
        perThread.forEach(all::addAll);
        return new Result(done.get(), other.get(), elapsed, all);
    }
}
