package dev.payledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newcomer's path: {@code java -jar target/payledger.jar} in an empty directory with no configuration
 * (only a free port), one purchase through the sandbox, a restart, and the wallet is still there.
 * Runs in the integration-test phase, after the jar is built.
 */
class JarRestartIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPurchaseSurvivesARestartOfTheJar(@TempDir Path workDir) throws Exception {
        Path jar = Path.of("target", "payledger.jar").toAbsolutePath();
        assertThat(jar).exists();
        int port = freePort();
        String base = "http://127.0.0.1:" + port;

        Process first = start(jar, workDir, port);
        String token;
        try {
            token = post(base + "/sandbox/login", null, "{\"user\":\"newcomer\"}").path("token").asText();
            JsonNode payment = post(base + "/api/checkout", token, "{\"package_id\":\"starter\",\"currency\":\"INR\"}");
            String emulator = payment.path("checkout").path("checkout_js").asText().replace("/v1/checkout.js", "");
            HttpResponse<String> paid = http.send(HttpRequest.newBuilder(URI.create(emulator + "/upi/"
                    + payment.path("provider_ref").asText() + "/pay")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(paid.statusCode()).isLessThan(400);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (balance(base, token) != 10 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(balance(base, token)).isEqualTo(10);
        } finally {
            stop(first);
        }
        assertThat(shutdownOf(workDir.resolve("payledger-" + first.pid() + ".log")))
                .as("what the jar logged from SIGTERM on").contains("stopped in")
                .doesNotContain("WARN").doesNotContain("ERROR");

        Process second = start(jar, workDir, port);
        try {
            assertThat(balance(base, token)).isEqualTo(10);
            assertThat(get(base + "/api/wallet/entries", token).path("entries").size()).isEqualTo(1);
        } finally {
            stop(second);
        }
        assertThat(workDir.resolve("data").resolve("postgres")).isDirectory();
    }

    private static Process start(Path jar, Path workDir, int port) throws IOException, InterruptedException {
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(javaBinary, "-jar", jar.toString()).directory(workDir.toFile())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PAYLEDGER_"));
        builder.environment().put("PAYLEDGER_PORT", Integer.toString(port));
        Process process = builder.start();
        Path log = workDir.resolve("payledger-" + process.pid() + ".log");
        CompletableFuture<Boolean> started = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    if (line.startsWith("PayLedger is running at http://127.0.0.1:" + port)) {
                        started.complete(true);
                    }
                }
            } catch (IOException e) {
                started.completeExceptionally(e);
            }
            started.complete(false);
        }, "jar-output");
        pump.setDaemon(true);
        pump.start();
        try {
            if (!started.get(180, TimeUnit.SECONDS)) {
                throw new AssertionError("The jar exited: " + Files.readString(log));
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("The jar did not start: " + (Files.exists(log) ? Files.readString(log) : ""), e);
        }
        return process;
    }

    /** The log from the "stopping" line on, once the line saying how long the stop took is there (5 s at most). */
    private static String shutdownOf(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String text = Files.readString(log);
        while (!text.contains("stopped in") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            text = Files.readString(log);
        }
        int stopping = text.indexOf("stopping:");
        return stopping < 0 ? text : text.substring(stopping);
    }

    /** SIGTERM through the process handle: {@code Process.destroy()} would also close our end of its output. */
    private static void stop(Process process) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The jar did not stop within 60 s of SIGTERM");
        }
    }

    private long balance(String base, String token) throws IOException, InterruptedException {
        return get(base + "/api/wallet", token).path("balance").asLong();
    }

    private JsonNode get(String url, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET());
    }

    private JsonNode post(String url, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return MAPPER.readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
