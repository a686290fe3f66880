package dev.payledger.sandbox;

import java.time.Duration;

/**
 * Knobs that make an emulator's API misbehave: answer the next calls with an error status, or answer slowly.
 * Thread-safe.
 */
public final class ApiFaults {
    private int failuresLeft;
    private int failureStatus = 503;
    private boolean failAlways;
    private Duration delay = Duration.ZERO;

    /** The next {@code count} API calls answer {@code status} (a 5xx, or 429). */
    public synchronized ApiFaults failNext(int count, int status) {
        this.failuresLeft = count;
        this.failureStatus = status;
        return this;
    }

    /** Every API call answers {@code status} until {@link #reset()}. */
    public synchronized ApiFaults failAlways(int status) {
        this.failAlways = true;
        this.failureStatus = status;
        return this;
    }

    /** Every API call waits this long before answering. */
    public synchronized ApiFaults delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    public synchronized ApiFaults reset() {
        failuresLeft = 0;
        failAlways = false;
        delay = Duration.ZERO;
        return this;
    }

    /** Null to go on, or the injected answer. */
    Response beforeApiCall() {
        Duration wait;
        Response injected = null;
        synchronized (this) {
            wait = delay;
            if (failAlways || failuresLeft > 0) {
                if (!failAlways) {
                    failuresLeft--;
                }
                injected = Response.json(failureStatus, "{\"error\":{\"code\":\"SERVER_ERROR\",\"description\":"
                        + "\"injected failure\",\"message\":\"injected failure\"}}");
            }
        }
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return injected;
    }
}
