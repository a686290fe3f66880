package dev.payledger.reliability.process;

import dev.payledger.reliability.support.AppProcess;
import dev.payledger.reliability.support.Http;
import dev.payledger.reliability.support.WebhookCapture;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs many requests at once against several instances and tells what each answered (0: no answer). */
final class Deliveries {
    private Deliveries() {
    }

    record Sent(WebhookCapture.Captured webhook, int status) {
    }

    static int deliver(AppProcess app, WebhookCapture.Captured webhook) {
        try {
            return Http.send("POST", app.url("/webhooks/razorpay"), webhook.headers(), webhook.body()).status();
        } catch (UncheckedIOException e) {
            // no answer at all (a timeout or a dropped connection): 0, and why, for the test's output
            System.err.println("webhook delivery got no answer: " + e.getCause());
            return 0;
        }
    }

    static <T> List<T> runAll(int threads, List<java.util.concurrent.Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = pool.invokeAll(tasks, 10, TimeUnit.MINUTES);
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }
}
