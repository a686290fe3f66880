package dev.payledger.coinbase;

import java.time.Duration;

/** Retries an assertion until it passes or the time is up (webhooks and confirmations arrive asynchronously). */
final class Eventually {
    private Eventually() {
    }

    static void within(Duration limit, Runnable assertion) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
