package dev.payledger.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * What to run: {@code seconds} per throughput measurement, the ledger size for the statement read, which
 * scenarios ({@code pgbench, settle, hot, statement, http}), and where the embedded database lives.
 */
record Options(Duration duration, long statementEntries, Set<String> scenarios, Path dataDirectory) {
    static final Set<String> ALL = Set.of("pgbench", "settle", "hot", "statement", "http");

    static Options parse(String[] args) {
        Duration duration = Duration.ofSeconds(20);
        long entries = 10_000_000L;
        Set<String> scenarios = ALL;
        Path data = Path.of("target", "bench-postgres");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> duration = Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000));
                case "--entries" -> entries = Long.parseLong(args[++i].replace("_", ""));
                case "--only" -> scenarios = Set.of(args[++i].split(","));
                case "--data" -> data = Path.of(args[++i]);
                case "--quick" -> {
                    duration = Duration.ofSeconds(2);
                    entries = 100_000;
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + " (use --seconds N, --entries N, --only pgbench,settle,hot,statement,http, --data DIR, --quick)");
            }
        }
        return new Options(duration, entries, Set.copyOf(scenarios), data);
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }
}
