package dev.payledger.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the benchmark from rotting: every database scenario runs for about a second on the embedded
 * PostgreSQL and verify-ledger must stay clean after each (the run throws otherwise). pgbench is not needed.
 */
class BenchSmokeTest {
    @Test
    void everyScenarioRunsBrieflyAndLeavesTheLedgerClean() {
        Options options = new Options(Duration.ofSeconds(1), 10_000, Set.of("settle", "hot", "statement"),
                Path.of("target", "smoke-postgres"), false);

        Report report = new Bench(options).run();

        assertThat(report.rows()).extracting(Row::scenario).anyMatch(s -> s.startsWith("(2)"))
                .anyMatch(s -> s.startsWith("(4)")).anyMatch(s -> s.startsWith("(7)"));
        assertThat(report.rows()).filteredOn(row -> row.scenario().startsWith("(4)"))
                .allMatch(row -> row.notes().contains("overdrafts 0"));
        assertThat(report.checks()).filteredOn(check -> check.startsWith("verify-ledger")).hasSize(6)
                .allMatch(check -> check.contains(": clean"));
    }
}
