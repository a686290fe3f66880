package dev.payledger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own TPC-B-like benchmark ({@code pgbench}, Debian package {@code postgresql}) against the bench
 * database: the physical reference for every ratio. Its tables ({@code pgbench_*}) are dropped afterwards.
 */
final class Pgbench {
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    private Pgbench() {
    }

    static boolean available() {
        try {
            return new ProcessBuilder("pgbench", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Initialises scale {@code scale} and runs {@code clients} clients for {@code duration}; tps or empty. */
    static OptionalDouble tps(BenchDatabase db, int scale, int clients, Duration duration) {
        if (!available()) {
            return OptionalDouble.empty();
        }
        run(db, List.of("-i", "-q", "-s", Integer.toString(scale)));
        String output = run(db, List.of("-c", Integer.toString(clients), "-j", "2", "-T",
                Long.toString(Math.max(1, duration.toSeconds()))));
        run(db, List.of("-i", "-I", "d"));
        Matcher matcher = TPS.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("pgbench printed no tps:\n" + output);
        }
        return OptionalDouble.of(Double.parseDouble(matcher.group(1)));
    }

    private static String run(BenchDatabase db, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("pgbench", "-h", db.host, "-p", Integer.toString(db.port),
                "-U", db.user));
        command.addAll(arguments);
        command.add(db.database);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        db.password.ifPresent(password -> builder.environment().put("PGPASSWORD", password));
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("pgbench " + arguments + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run pgbench", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
