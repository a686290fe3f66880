package dev.payledger.razorpay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.payledger.core.PayLedger;
import dev.payledger.core.catalog.Catalog;
import dev.payledger.core.common.UserId;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.inmemory.ManualClock;
import dev.payledger.core.money.Money;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentStatus;
import dev.payledger.core.payment.PurchaseTarget;
import dev.payledger.core.payment.ReceiveWebhook;
import dev.payledger.core.payment.StartCheckout;
import dev.payledger.core.payment.WebhookRequest;
import dev.payledger.sandbox.razorpay.RazorpayEmulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * The whole Razorpay flow on one machine: PayLedger with in-memory persistence and the real adapter, the
 * emulator standing in for Razorpay, and a tiny webhook receiver that hands each delivery to
 * {@code payLedger.receiveWebhook()} and answers as the app would (2xx stored, 400 rejected).
 */
final class EndToEnd implements AutoCloseable {
    static final UserId USER = UserId.of("asha");

    final RazorpayEmulator emulator = RazorpayEmulator.start(0);
    final ManualClock clock = ManualClock.at("2026-11-21T10:00:00Z");
    final PayLedger payLedger;
    final List<ReceiveWebhook.Result> received = new CopyOnWriteArrayList<>();
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final HttpServer receiver;
    private volatile boolean forward = true;

    EndToEnd() throws IOException {
        this(true);
    }

    /** {@code autoCapture}: the account's capture setting, the same on the emulator and in the adapter's config. */
    EndToEnd(boolean autoCapture) throws IOException {
        emulator.autoCapture(autoCapture);
        RazorpayConfig config = RazorpayConfig.of(RazorpayEmulator.KEY_ID, RazorpayEmulator.KEY_SECRET,
                        RazorpayEmulator.WEBHOOK_SECRET)
                .withBaseUrl(emulator.baseUri()).withCheckoutScript(emulator.checkoutScriptUri())
                .withPayee("payledger@sandbox", "PayLedger Sandbox")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3)).withAutoCapture(autoCapture);
        payLedger = PayLedger.builder().persistence(InMemoryPersistence.create()).catalog(Catalog.defaultCatalog())
                .provider(Razorpay.provider(config)).qrCodes(Razorpay.qrCodes()).clock(clock).build();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks/razorpay", this::receive);
        receiver.start();
        emulator.webhookTarget(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/razorpay"));
    }

    /** Record deliveries without handing them to PayLedger (answering 200), to replay or tamper with later. */
    void recordOnly() {
        forward = false;
    }

    /** The user starts a checkout for the ₹49 starter package (10 credits). */
    Payment startStarterCheckout() {
        StartCheckout.Result result = payLedger.startCheckout().start(new StartCheckout.Command(USER,
                PurchaseTarget.creditPackage("starter", Money.currency("INR")), Razorpay.PROVIDER));
        if (!(result instanceof StartCheckout.Started started)) {
            throw new AssertionError("checkout did not start: " + result);
        }
        return started.payment();
    }

    String razorpayOrder(Payment payment) {
        return payment.providerRef().orElseThrow();
    }

    Payment payment(Payment payment) {
        return payLedger.readPayments().find(payment.id()).orElseThrow();
    }

    long balance() {
        return payLedger.readWallet().wallet(USER).balance();
    }

    void awaitStatus(Payment payment, PaymentStatus status) {
        await(() -> payment(payment).status() == status, () -> "payment " + payment.id() + " to be " + status
                + " but it is " + payment(payment).status() + "; webhooks: " + received);
    }

    /** Waits until the emulator's dispatcher has delivered {@code count} webhooks (2xx answers). */
    void awaitDelivered(int count) {
        await(() -> emulator.webhooks().deliveries().stream().filter(d -> d.status() / 100 == 2).count() >= count,
                () -> count + " deliveries; so far " + emulator.webhooks().deliveries());
    }

    static void await(BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        emulator.close();
        receiver.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            deliveries.add(new Delivery(headers, body));
            int status = 200;
            if (forward) {
                ReceiveWebhook.Result result = payLedger.receiveWebhook().receive(Razorpay.PROVIDER,
                        new WebhookRequest(headers, body, clock.instant()));
                received.add(result);
                status = result instanceof ReceiveWebhook.Rejected ? 400 : 200;
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    /** A webhook as it reached the receiver. */
    record Delivery(Map<String, String> headers, byte[] body) {
        String event() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8).replaceAll(".*\"event\":\"([^\"]+)\".*", "$1");
        }
    }
}
