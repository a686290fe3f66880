package dev.payledger.bench;

import java.util.ArrayList;
import java.util.List;

/** The rows of one run, printed as a Markdown table. Not thread-safe. */
final class Report {
    private final List<Row> rows = new ArrayList<>();
    private final List<String> checks = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
        System.out.println("  " + row.scenario() + " | " + row.figure() + " | " + row.value() + " | "
                + row.ratioText() + " | " + row.notes());
    }

    void check(String check) {
        checks.add(check);
        System.out.println("  check: " + check);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    List<String> checks() {
        return List.copyOf(checks);
    }

    String markdown() {
        StringBuilder table = new StringBuilder();
        table.append("| scenario | figure | value | ratio | goal | notes |\n");
        table.append("|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            table.append("| ").append(row.scenario()).append(" | ").append(row.figure()).append(" | ")
                    .append(row.value()).append(" | ").append(row.ratioText()).append(" | ").append(row.goal())
                    .append(" | ").append(row.notes()).append(" |\n");
        }
        for (String check : checks) {
            table.append("\n- ").append(check);
        }
        return table.append('\n').toString();
    }
}
