package dev.payledger.app;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client of {@code GET /api/events}: collects "event: …" / "data: …" pairs in the background. */
final class EventStream implements AutoCloseable {
    private final BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final Thread reader;

    private EventStream(InputStream body) {
        this.body = body;
        this.reader = new Thread(this::read, "test-sse");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    static EventStream open(TestApp app, String token) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        app.uri("/api/events?access_token=" + token)).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError("SSE answered " + response.statusCode());
        }
        EventStream stream = new EventStream(response.body());
        stream.awaitEvent("connected");
        return stream;
    }

    /** The data of the next event named {@code name} (skipping others), within ten seconds. */
    String awaitEvent(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String[] event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && event[0].equals(name)) {
                return event[1];
            }
        }
        throw new AssertionError("No " + name + " event arrived");
    }

    /** The names of the events received and not yet awaited. */
    java.util.List<String> received() {
        return events.stream().map(event -> event[0]).toList();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals(": connected")) {
                    events.add(new String[] {"connected", ""});
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ") && name != null) {
                    events.add(new String[] {name, line.substring(6)});
                    name = null;
                }
            }
        } catch (java.io.IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws Exception {
        body.close();
        reader.interrupt();
    }
}
