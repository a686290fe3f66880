package dev.payledger.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The load generator's HTTP client and its open loop, against the JDK's own HTTP server. */
class RawHttpTest {
    private HttpServer server;
    private URI base;
    private final Set<String> connections = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            connections.add(exchange.getRemoteAddress().toString());
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer = ("got " + new String(body, StandardCharsets.UTF_8) + " as "
                    + exchange.getRequestHeaders().getFirst("X-Test")).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Server-Timing", "provider;dur=1.5");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/chunked", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0); // 0: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("first,".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("second".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void requestsOnOneConnectionGetTheirOwnAnswersWithLengthOrChunks() throws IOException {
        try (RawHttp.Connection connection = new RawHttp.Connection(base)) {
            RawHttp.Response echoed = connection.exchange(RawHttp.Request.post("/echo", Map.of("X-Test", "one"),
                    "hello".getBytes(StandardCharsets.UTF_8)));
            RawHttp.Response chunked = connection.exchange(RawHttp.Request.post("/chunked", Map.of(), new byte[0]));
            RawHttp.Response again = connection.exchange(RawHttp.Request.post("/echo", Map.of("X-Test", "two"),
                    "again".getBytes(StandardCharsets.UTF_8)));

            assertThat(echoed.status()).isEqualTo(201);
            assertThat(new String(echoed.body(), StandardCharsets.UTF_8)).isEqualTo("got hello as one");
            assertThat(echoed.headers()).containsEntry("server-timing", "provider;dur=1.5");
            assertThat(new String(chunked.body(), StandardCharsets.UTF_8)).isEqualTo("first,second");
            assertThat(new String(again.body(), StandardCharsets.UTF_8)).isEqualTo("got again as two");
        }
        assertThat(connections).hasSize(1);
    }

    @Test
    void theOpenLoopSendsEveryRequestAndSplitsOutTheProviderTime() {
        OpenLoop.Result result = OpenLoop.run(base, 200, Duration.ofMillis(500), 1,
                n -> RawHttp.Request.post("/echo", Map.of("X-Test", Long.toString(n)), new byte[0]), status -> status == 201);

        assertThat(result.offered()).isEqualTo(100);
        assertThat(result.ok()).isEqualTo(100);
        assertThat(result.sustained()).isTrue();
        assertThat(result.provider().count()).isEqualTo(100);
        assertThat(result.provider().percentileMillis(50)).isEqualTo(1.5);
    }
}
