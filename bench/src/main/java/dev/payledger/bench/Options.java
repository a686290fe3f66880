package dev.payledger.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * What to run: {@code seconds} per throughput measurement, the ledger size for the statement read, which
 * scenarios ({@code pgbench, settle, hot, statement, http}), where the embedded database lives, and whether
 * to keep its data from the last run ({@code --keep-data}: a 10-million-entry statement ledger is loaded once).
 */
record Options(Duration duration, long statementEntries, Set<String> scenarios, Path dataDirectory, boolean keepData) {
    static final Set<String> ALL = Set.of("pgbench", "settle", "hot", "statement", "http");

    static Options parse(String[] args) {
        Duration duration = Duration.ofSeconds(20);
        long entries = 10_000_000L;
        Set<String> scenarios = ALL;
        Path data = Path.of("target", "bench-postgres");
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> duration = Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000));
                case "--entries" -> entries = Long.parseLong(args[++i].replace("_", ""));
                case "--only" -> scenarios = Set.of(args[++i].split(","));
                case "--data" -> data = Path.of(args[++i]);
                case "--keep-data" -> keep = true;
                case "--quick" -> {
                    duration = Duration.ofSeconds(2);
                    entries = 100_000;
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + " (use --seconds N, --entries N, --only pgbench,settle,settle-sync,settle-batched,hot,statement,http,webhooks,checkout, --data DIR, --keep-data, --quick)");
            }
        }
        return new Options(duration, entries, Set.copyOf(scenarios), data, keep);
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }
}
