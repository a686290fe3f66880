package dev.payledger.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time spent by the service process, by PostgreSQL (every process named {@code postgres}) and by this
 * JVM (load generator and emulator), read from {@code /proc}: what a measured step cost each of them per
 * request. Linux only; elsewhere every figure is zero.
 */
final class CpuMeter {
    /** Linux reports process times in clock ticks of 1/100 s on every mainstream architecture. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final long servicePid;
    private final Map<String, Long> jitThreads = new HashMap<>();
    private final Map<String, Long> vmThreads = new HashMap<>();
    private final Map<String, Long> postgresProcesses = new HashMap<>();

    CpuMeter(long servicePid) {
        this.servicePid = servicePid;
    }

    /**
     * Cumulative CPU nanoseconds so far; {@code serviceJit} and {@code serviceVm} are the parts of {@code service}
     * spent by its JIT compiler threads and by its VM thread (where the serial collector runs).
     */
    record Sample(long service, long serviceJit, long serviceVm, long postgres, long bench, long machineBusy,
                  long machineTotal, long machineStolen) {
        /**
         * For the service process: {@code CPU per request: service 1.23 ms (of which JIT 0.40, GC 0.05), PostgreSQL
         * 0.45 ms, bench JVM 0.67 ms; machine 97 % busy (0 % stolen by the host)}.
         */
        String perRequest(Sample before, long requests) {
            double n = Math.max(1, requests);
            return String.format(Locale.ROOT, "CPU per request: service %.2f ms (of which JIT %.2f, GC %.2f), "
                            + "PostgreSQL %.2f ms, bench JVM %.2f ms; %s",
                    (service - before.service) / 1e6 / n, (serviceJit - before.serviceJit) / 1e6 / n,
                    (serviceVm - before.serviceVm) / 1e6 / n, (postgres - before.postgres) / 1e6 / n,
                    (bench - before.bench) / 1e6 / n, machine(before));
        }

        /**
         * For a meter of this JVM, where the library runs: {@code CPU per call: this JVM 0.52 ms (JIT 0.00),
         * PostgreSQL 0.61 ms; machine 97 % busy (0 % stolen by the host)}.
         */
        String inProcess(Sample before, long calls) {
            double n = Math.max(1, calls);
            return String.format(Locale.ROOT, "CPU per call: this JVM %.2f ms (JIT %.2f), PostgreSQL %.2f ms; %s",
                    (service - before.service) / 1e6 / n, (serviceJit - before.serviceJit) / 1e6 / n,
                    (postgres - before.postgres) / 1e6 / n, machine(before));
        }

        private String machine(Sample before) {
            double total = machineTotal - before.machineTotal;
            double busy = total == 0 ? 0 : 100.0 * (machineBusy - before.machineBusy) / total;
            double stolen = total == 0 ? 0 : 100.0 * (machineStolen - before.machineStolen) / total;
            return String.format(Locale.ROOT, "machine %.0f %% busy (%.0f %% stolen by the host)", busy, stolen);
        }
    }

    /** CPU nanoseconds the measured process's JIT compiler threads have used so far. */
    long jitNanos() {
        return serviceThreads()[0] * NANOS_PER_TICK;
    }

    Sample sample() {
        long[] machine = machine();
        long[] threads = serviceThreads();
        return new Sample(ticks(servicePid) * NANOS_PER_TICK, threads[0] * NANOS_PER_TICK, threads[1] * NANOS_PER_TICK,
                postgres() * NANOS_PER_TICK,
                ticks(ProcessHandle.current().pid()) * NANOS_PER_TICK, machine[0], machine[1], machine[2]);
    }

    /**
     * {JIT compiler threads, VM thread} ticks of the service, from its threads' names. The JVM ends compiler threads
     * it no longer needs, so each thread's last reading is kept: the sums never go back.
     */
    private long[] serviceThreads() {
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(servicePid), "task"))) {
            for (Path thread : threads) {
                try {
                    String name = Files.readString(thread.resolve("comm")).trim();
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        jitThreads.put(thread.getFileName().toString(), ticks(thread.resolve("stat")));
                    } else if (name.equals("VM Thread")) {
                        vmThreads.put(thread.getFileName().toString(), ticks(thread.resolve("stat")));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            // no /proc: zeros below
        }
        return new long[] {sum(jitThreads), sum(vmThreads)};
    }

    private static long sum(Map<String, Long> ticksByThread) {
        return ticksByThread.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * CPU ticks of every PostgreSQL process seen so far. A backend that exits (a connection closed) keeps its last
     * reading, so the sum never goes back (it went negative when the bench's own connections closed).
     */
    private long postgres() {
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    if (Files.readString(process.resolve("comm")).trim().equals("postgres")) {
                        postgresProcesses.put(process.getFileName().toString(),
                                ticks(Long.parseLong(process.getFileName().toString())));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum(postgresProcesses);
    }

    /** utime + stime of one process, in ticks (0 when it cannot be read). */
    private static long ticks(long pid) {
        return ticks(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** utime + stime from a {@code /proc/.../stat} file, in ticks (0 when it cannot be read). */
    private static long ticks(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** {busy, total, stolen} time of the whole machine from the first line of /proc/stat, in nanoseconds. */
    private static long[] machine() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            long steal = fields.length > 8 ? Long.parseLong(fields[8]) : 0;
            return new long[] {(total - idle) * NANOS_PER_TICK, total * NANOS_PER_TICK, steal * NANOS_PER_TICK};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0, 0};
        }
    }
}
