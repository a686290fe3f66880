package dev.payledger.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built service jar ({@code payledger.jar}, system property {@code payledger.jar}) run as a separate process
 * on a fixed loopback port, with its stdout and stderr in one log file. {@link #kill()} is {@code kill -9}.
 */
public final class AppProcess implements AutoCloseable {
    private final String name;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private Process process;

    private AppProcess(String name, Map<String, String> environment, int port, Path log) {
        this.name = name;
        this.environment = environment;
        this.port = port;
        this.log = log;
    }

    private static Path copied;

    /**
     * A private copy of the built jar, taken once per JVM and checked to hold the main class, so a rebuild of
     * app-javalin while these tests run cannot pull the jar from under a starting process.
     */
    public static synchronized Path jar() {
        if (copied != null) {
            return copied;
        }
        Path jar = Path.of(System.getProperty("payledger.jar", "../app-javalin/target/payledger.jar"));
        for (int attempt = 1; ; attempt++) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("Build the service first: " + jar.toAbsolutePath() + " is missing");
            }
            try {
                Path copy = Files.createTempFile("payledger-under-test", ".jar");
                copy.toFile().deleteOnExit();
                Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                try (java.util.jar.JarFile file = new java.util.jar.JarFile(copy.toFile())) {
                    if (file.getEntry("dev/payledger/app/Main.class") != null) {
                        copied = copy;
                        return copy;
                    }
                }
            } catch (IOException e) {
                if (attempt == 10) {
                    throw new UncheckedIOException("Cannot copy " + jar, e);
                }
            }
            if (attempt == 10) {
                throw new IllegalStateException(jar + " has no dev.payledger.app.Main");
            }
            Await.sleep(3_000);
        }
    }

    /** Starts {@code serve} and waits until {@code /health} answers 200. */
    public static AppProcess serve(String name, Map<String, String> environment, Path logDirectory) {
        AppProcess app = new AppProcess(name, environment, freePort(), logDirectory.resolve(name + ".log"));
        app.start();
        return app;
    }

    public void start() {
        Map<String, String> env = new HashMap<>(environment);
        env.put("PAYLEDGER_PORT", Integer.toString(port));
        env.put("PAYLEDGER_HOST", "127.0.0.1");
        process = launch(List.of("serve"), env, log, true);
        Await.until(name + " is healthy", Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited: " + tail());
            }
            try {
                return Http.send("GET", url("/health"), Map.of(), null).status() == 200;
            } catch (UncheckedIOException e) {
                return false;
            }
        });
    }

    /** Runs a subcommand to completion; returns its exit code, its output in {@code output}. */
    public static int run(List<String> command, Map<String, String> environment, Path output) {
        Process p = launch(command, environment, output, false);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish in 120 s");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Process launch(List<String> command, Map<String, String> env, Path log, boolean append) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar().toAbsolutePath().toString()));
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("PAYLEDGER_"));
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** {@code kill -9}: no shutdown hook, no flush, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return log;
    }

    public String tail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 3000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
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

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
