package dev.payledger.sandbox;

import java.time.Duration;

/**
 * How an emulator misdelivers webhooks, as providers do: twice, late, in reverse order, or never. Thread-safe
 * (read once per delivery).
 */
public final class WebhookKnobs {
    private volatile boolean duplicate;
    private volatile boolean drop;
    private volatile boolean hold;
    private volatile Duration delay = Duration.ZERO;

    /** Deliver every webhook twice. */
    public WebhookKnobs duplicate(boolean on) {
        this.duplicate = on;
        return this;
    }

    /** Deliver nothing (the receiver must reconcile). */
    public WebhookKnobs drop(boolean on) {
        this.drop = on;
        return this;
    }

    /** Queue webhooks instead of sending them; {@link WebhookDispatcher#releaseHeld(boolean)} sends them. */
    public WebhookKnobs hold(boolean on) {
        this.hold = on;
        return this;
    }

    /** Wait this long before each delivery. */
    public WebhookKnobs delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    public WebhookKnobs reset() {
        duplicate = false;
        drop = false;
        hold = false;
        delay = Duration.ZERO;
        return this;
    }

    boolean duplicate() {
        return duplicate;
    }

    boolean drop() {
        return drop;
    }

    boolean hold() {
        return hold;
    }

    Duration delay() {
        return delay;
    }
}
