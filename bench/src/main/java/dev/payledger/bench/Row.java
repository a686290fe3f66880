package dev.payledger.bench;

import java.util.Locale;
import java.util.OptionalDouble;

/** One line of the results table: what was measured, the figure, its ratio to the reference and the goal. */
record Row(String scenario, String figure, String value, OptionalDouble ratio, String goal, String notes) {
    static Row of(String scenario, String figure, double value, String unit, OptionalDouble ratio, String goal,
                  String notes) {
        return new Row(scenario, figure, String.format(Locale.ROOT, "%,.1f %s", value, unit).trim(), ratio, goal, notes);
    }

    String ratioText() {
        return ratio.isPresent() ? String.format(Locale.ROOT, "%.2f×", ratio.getAsDouble()) : "–";
    }

    static OptionalDouble ratio(double value, OptionalDouble reference) {
        return reference.isPresent() && reference.getAsDouble() > 0
                ? OptionalDouble.of(value / reference.getAsDouble()) : OptionalDouble.empty();
    }
}
