package dev.payledger.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PayLedger HTTP service (app-javalin's fat jar) run as its own process with the documented production
 * launch line ({@link #JVM_FLAGS}, {@code -Xmx256m}), so its memory can be measured: {@link #peakRssMegabytes} is
 * the kernel's high-water mark ({@code VmHWM}).
 */
final class ServiceProcess implements AutoCloseable {
    /**
     * The JVM flags of the documented production launch line (docs/operations.md, "Memory"): the bench measures
     * the service exactly as it is meant to run. Change both together.
     */
    static final List<String> JVM_FLAGS = List.of("-Xmx256m", "-Xms96m", "-Xmn64m", "-XX:SurvivorRatio=4",
            "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=128m");
    /** The environment of that launch line: two glibc malloc arenas instead of up to eight per core. */
    static final Map<String, String> LAUNCH_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    /** Where the service's output (its log) is written, relative to the bench's working directory. */
    static final Path LOG = Path.of("target", "service.log");
    private static final Pattern RUNNING = Pattern.compile("PayLedger is running at (http://\\S+?)/?\\s");

    private final Process process;
    private final String baseUrl;

    private ServiceProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /**
     * {@link #JVM_FLAGS} followed by {@code extras} (BENCH_SERVICE_OPTS); when the extras choose a collector
     * ({@code -XX:+Use…GC}), the launch line's collector and its young-generation sizing give way to them.
     */
    static List<String> launchFlags(List<String> extras) {
        boolean ownCollector = extras.stream().anyMatch(flag -> flag.matches("-XX:\\+Use\\w+GC"));
        List<String> flags = new ArrayList<>(JVM_FLAGS.stream().filter(flag -> !ownCollector
                || !(flag.equals("-XX:+UseSerialGC") || flag.startsWith("-Xmn") || flag.startsWith("-XX:SurvivorRatio")))
                .toList());
        flags.addAll(extras);
        return flags;
    }

    static Path jar() {
        String configured = System.getenv("BENCH_APP_JAR");
        return configured != null ? Path.of(configured) : Path.of("..", "app-javalin", "target", "payledger.jar");
    }

    static ServiceProcess start(Path jar, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String extra = System.getenv("BENCH_SERVICE_OPTS");
        List<String> extras = extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
        command.addAll(launchFlags(extras));
        if ("1".equals(System.getenv("BENCH_SERVICE_JFR"))) {
            command.add("-XX:StartFlightRecording=filename=" + Path.of("target", "service.jfr").toAbsolutePath()
                    + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of("-jar", jar.toString(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(LAUNCH_ENVIRONMENT);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            CompletableFuture<String> url = new CompletableFuture<>();
            Thread reader = new Thread(() -> drain(process, url), "service-output");
            reader.setDaemon(true);
            reader.start();
            return new ServiceProcess(process, url.get(90, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("The service did not start: " + e.getMessage(), e);
        }
    }

    /** Copies the service's output to {@link #LOG} (kept for reading after the run) and finds its URL in it. */
    private static void drain(Process process, CompletableFuture<String> url) {
        StringBuilder log = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(LOG, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                file.write(line);
                file.write('\n');
                if (log.length() < 20_000) {
                    log.append(line).append('\n');
                }
                Matcher matcher = RUNNING.matcher(line + " ");
                if (matcher.find()) {
                    url.complete(matcher.group(1));
                }
            }
        } catch (IOException e) {
            url.completeExceptionally(e);
        }
        url.completeExceptionally(new IllegalStateException("service exited:\n" + log));
    }

    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The resident-set high-water mark of the service process so far, in MiB. */
    double peakRssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
