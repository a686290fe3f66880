package dev.payledger.app;

import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.util.resource.FileSystemPool;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What keeps the service within its memory budget (docs/operations.md, "Memory"): a capped HTTP thread pool
 * ({@code PAYLEDGER_HTTP_THREADS}), no per-connection header cache, and pages served without mounting jars as zip
 * file systems.
 */
class LeanServerTest {
    @Test
    void httpThreadsDefaultToThirtyTwoAndComeFromPayledgerHttpThreads() {
        assertThat(Config.from(Settings.of(Map.of())).httpThreads()).isEqualTo(32);
        assertThat(Config.from(Settings.of(Map.of("PAYLEDGER_HTTP_THREADS", "64"))).httpThreads()).isEqualTo(64);
    }

    @Test
    void httpThreadsOutsideSixteenToAThousandOrNotANumberFailNamingTheVariable() {
        for (String bad : List.of("8", "1001", "many")) {
            assertThatThrownBy(() -> Config.from(Settings.of(Map.of("PAYLEDGER_HTTP_THREADS", bad))))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("PAYLEDGER_HTTP_THREADS");
        }
    }

    @Test
    void aBurstOfRequestsIsServedByNoMoreThanTheConfiguredThreads() {
        try (TestApp app = TestApp.start(Map.of("PAYLEDGER_HTTP_THREADS", "16"))) {
            QueuedThreadPool pool = (QueuedThreadPool) app.app().httpServer().getThreadPool();
            assertThat(pool.getMaxThreads()).isEqualTo(16);
            HttpClient client = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, 100)
                    .mapToObj(i -> client.sendAsync(HttpRequest.newBuilder(URI.create(app.app().baseUrl() + "/health"))
                            .build(), HttpResponse.BodyHandlers.ofString())).toList();
            assertThat(answers).allSatisfy(answer -> assertThat(answer.join().statusCode()).isEqualTo(200));
            assertThat(pool.getThreads()).isLessThanOrEqualTo(16);
        }
    }

    @Test
    void connectionsKeepNoHeaderCache() {
        // Jetty's default cache of 1,024 header fields costs ~100 KB of heap per open connection
        HttpConnectionFactory http = TestApp.shared().app().httpServer().getConnectors()[0]
                .getConnectionFactory(HttpConnectionFactory.class);
        assertThat(http.getHttpConfiguration().getHeaderCacheSize()).isZero();
    }

    @Test
    void pagesAndWebJarsAreServedWithoutMountingAJarAsAZipFileSystem() throws Exception {
        TestApp app = TestApp.shared();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> chart = client.send(HttpRequest.newBuilder(URI.create(app.app().baseUrl()
                + "/webjars/chart.js/4.5.1/dist/chart.umd.min.js")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(app.app().baseUrl() + "/wallet.html"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        String etag = page.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = client.send(HttpRequest.newBuilder(URI.create(app.app().baseUrl() + "/wallet.html"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        // Jetty's resource handler mounted the 29k-entry fat jar once per lookup base: ~65 MB of heap in 8 indexes
        assertThat(FileSystemPool.INSTANCE.mounts()).isEmpty();
    }
}
