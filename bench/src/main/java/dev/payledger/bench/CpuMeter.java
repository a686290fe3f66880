package dev.payledger.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU time spent by the service process, by PostgreSQL (every process named {@code postgres}) and by this
 * JVM (load generator and emulator), read from {@code /proc}: what a measured step cost each of them per
 * request. Linux only; elsewhere every figure is zero.
 */
final class CpuMeter {
    /** Linux reports process times in clock ticks of 1/100 s on every mainstream architecture. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final long servicePid;

    CpuMeter(long servicePid) {
        this.servicePid = servicePid;
    }

    /** Cumulative CPU nanoseconds so far. */
    record Sample(long service, long postgres, long bench, long machineBusy, long machineTotal, long machineStolen) {
        /** {@code service 1.23 ms, PostgreSQL 0.45 ms, load generator 0.67 ms per request; machine 97 % busy}. */
        String perRequest(Sample before, long requests) {
            double n = Math.max(1, requests);
            double busy = machineTotal == before.machineTotal ? 0
                    : 100.0 * (machineBusy - before.machineBusy) / (machineTotal - before.machineTotal);
            double stolen = machineTotal == before.machineTotal ? 0
                    : 100.0 * (machineStolen - before.machineStolen) / (machineTotal - before.machineTotal);
            return String.format(Locale.ROOT, "CPU per request: service %.2f ms, PostgreSQL %.2f ms, bench JVM %.2f ms; "
                            + "machine %.0f %% busy (%.0f %% stolen by the host)", (service - before.service) / 1e6 / n,
                    (postgres - before.postgres) / 1e6 / n, (bench - before.bench) / 1e6 / n, busy, stolen);
        }
    }

    Sample sample() {
        long[] machine = machine();
        return new Sample(ticks(servicePid) * NANOS_PER_TICK, postgres() * NANOS_PER_TICK,
                ticks(ProcessHandle.current().pid()) * NANOS_PER_TICK, machine[0], machine[1], machine[2]);
    }

    private static long postgres() {
        long total = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    if (Files.readString(process.resolve("comm")).trim().equals("postgres")) {
                        total += ticks(Long.parseLong(process.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    /** utime + stime of one process, in ticks (0 when it cannot be read). */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
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
