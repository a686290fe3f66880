package dev.payledger.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop load: {@code callers} threads call an operation back to back for a while, counting outcomes; or,
 * with an {@link AsyncOperation}, each keeps a window of calls in flight and starts the next as one completes.
 */
final class Load {
    private Load() {
    }

    /** One call; returns true when it counts as done (accepted, settled). Gets a process-wide sequence number. */
    interface Operation {
        boolean call(long sequence) throws Exception;
    }

    /**
     * One call that completes later; the stage completes with true when it counts as done. Called on the caller's
     * thread, it may throw {@link Exhausted} there.
     */
    interface AsyncOperation {
        CompletionStage<Boolean> call(long sequence) throws Exception;
    }

    /** Thrown by an operation when there is nothing left to do: its caller stops, the others go on. */
    static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted() {
            super(null, null, false, false);
        }
    }

    /**
     * @param warmedUp how long the uncounted warm-up ran
     * @param jit      this JVM's JIT when counting began: {@code " (JIT idle)"}, {@code " (JIT still compiling)"} (the
     *                 cap was reached) or {@code ""} (a short run, not looked at)
     * @param cpu      what the counted part cost this JVM (the library and the callers) and PostgreSQL per call
     */
    record Result(long done, long other, Duration elapsed, Latencies latencies, Duration warmedUp, String jit,
                  String cpu) {
        double perSecond() {
            return done / (elapsed.toNanos() / 1e9);
        }

        /** The warm-up (when there was one) and the CPU per call, for a row's notes. */
        String notes() {
            return warmedUp.isZero() ? cpu : warmUpNote() + "; " + cpu;
        }

        /** {@code after a 12 s warm-up} (with the JIT idle, or not). */
        String warmUpNote() {
            return warmedUp.isZero() ? "" : String.format(java.util.Locale.ROOT, "after a %.0f s warm-up%s",
                    warmedUp.toMillis() / 1e3, jit);
        }
    }

    /** At most this long warming up; see {@link #run(int, Duration, Duration, long, Operation)}. */
    static final Duration MAX_WARMUP = Duration.ofSeconds(30);
    /** Shorter measurements (the smoke test, {@code --quick}) keep the fixed warm-up: they check, not measure. */
    static final Duration WAIT_FOR_JIT_FROM = Duration.ofSeconds(5);
    /** 2 % of a core, as the service's warm-up in {@link HttpScenarios}. */
    private static final long JIT_IDLE_NANOS_PER_SECOND = 20_000_000L;

    /** The longest {@link #run(int, Duration, Duration, long, Operation)} can warm up with these arguments. */
    static Duration longestWarmup(Duration warmup, Duration duration) {
        return waitsForJit(warmup, duration) ? MAX_WARMUP : warmup;
    }

    private static boolean waitsForJit(Duration warmup, Duration duration) {
        return !warmup.isZero() && duration.compareTo(WAIT_FOR_JIT_FROM) >= 0;
    }

    static Result run(int callers, Duration duration, long firstSequence, Operation operation) {
        return run(callers, Duration.ZERO, duration, firstSequence, operation);
    }

    /**
     * As {@link #run(int, Duration, long, Operation)}, after uncounted calls: for at least {@code warmup}, then
     * (when {@code warmup} is not zero and {@code duration} at least {@link #WAIT_FOR_JIT_FROM}) until this JVM's
     * JIT compiler threads spent less than 2 % of a core in the last second, {@link #MAX_WARMUP} at most. The
     * library runs in this JVM: without the wait the first seconds measure C2 compiling the settlement path
     * (measured: 8 synchronous callers settled 551/s after a 2 s warm-up, 1,106/s after 8 s, 1,572/s once the JIT
     * was idle).
     */
    static Result run(int callers, Duration warmup, Duration duration, long firstSequence, Operation operation) {
        return run(callers, 1, warmup, duration, firstSequence,
                sequence -> CompletableFuture.completedFuture(operation.call(sequence)));
    }

    /**
     * As {@link #run(int, Duration, Duration, long, Operation)}, with each of the {@code callers} threads keeping up
     * to {@code window} calls in flight: it starts a call whenever fewer are outstanding, and a call's latency runs
     * from its start to its completion (on whatever thread completes it). A caller stops starting calls at the end
     * and waits for its outstanding ones.
     */
    static Result run(int callers, int window, Duration warmup, Duration duration, long firstSequence,
                      AsyncOperation operation) {
        AtomicLong sequence = new AtomicLong(firstSequence);
        AtomicLong done = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Latencies> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicLong countFrom = new AtomicLong(); // set before the callers start
        AtomicLong stopAt = new AtomicLong();
        for (int i = 0; i < callers; i++) {
            Latencies latencies = new Latencies();
            perThread.add(latencies);
            Semaphore free = new Semaphore(window);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    while (System.nanoTime() - stopAt.get() < 0 && failure.get() == null) {
                        free.acquire();
                        long began = System.nanoTime();
                        if (began - stopAt.get() >= 0) { // the run ended while this caller waited for a slot
                            free.release();
                            break;
                        }
                        CompletionStage<Boolean> call;
                        try {
                            call = operation.call(sequence.getAndIncrement());
                        } catch (Exhausted e) {
                            free.release();
                            break; // this caller is done
                        }
                        call.whenComplete((ok, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            } else if (began - countFrom.get() >= 0) {
                                long took = System.nanoTime() - began;
                                synchronized (latencies) {
                                    latencies.record(took);
                                }
                                (ok ? done : other).incrementAndGet();
                            }
                            free.release();
                        });
                    }
                    free.acquire(window); // the calls still in flight
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-caller-" + i);
            threads.add(thread);
            thread.start();
        }
        CpuMeter cpu = new CpuMeter(ProcessHandle.current().pid());
        long warmStart = System.nanoTime();
        // with a warm-up, counting begins (and the end is set) when it ends: until then a day away, compared by
        // difference so any nanoTime origin works
        long notYet = warmup.isZero() ? 0 : Duration.ofDays(1).toNanos();
        countFrom.set(warmStart + notYet);
        stopAt.set(warmStart + notYet + duration.toNanos());
        CpuMeter.Sample counting = cpu.sample();
        start.countDown();
        String jit = "";
        if (!warmup.isZero()) {
            if (waitsForJit(warmup, duration)) {
                jit = warmUntilJitIdle(warmStart, warmup, failure) ? " (JIT idle)" : " (JIT still compiling)";
            } else {
                sleep(warmup.toNanos());
            }
            counting = cpu.sample();
            long now = System.nanoTime();
            stopAt.set(now + duration.toNanos());
            countFrom.set(now);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - countFrom.get());
        CpuMeter.Sample counted = cpu.sample();
        if (failure.get() != null) {
            throw new IllegalStateException("A caller failed: " + failure.get(), failure.get());
        }
        Latencies all = new Latencies();
        perThread.forEach(all::addAll);
        return new Result(done.get(), other.get(), elapsed, all, Duration.ofNanos(countFrom.get() - warmStart), jit,
                counted.inProcess(counting, done.get() + other.get()));
    }

    /** Sleeps {@code warmup}, then second by second while this JVM's JIT works; true when it went idle in time. */
    private static boolean warmUntilJitIdle(long warmStart, Duration warmup, AtomicReference<Throwable> failure) {
        CpuMeter own = new CpuMeter(ProcessHandle.current().pid());
        sleep(warmup.toNanos());
        long jitBefore = own.jitNanos();
        while (failure.get() == null) {
            sleep(1_000_000_000L);
            long jitNow = own.jitNanos();
            if (jitNow - jitBefore < JIT_IDLE_NANOS_PER_SECOND) {
                return true;
            }
            if (System.nanoTime() - warmStart >= MAX_WARMUP.toNanos()) {
                return false;
            }
            jitBefore = jitNow;
        }
        return false;
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
