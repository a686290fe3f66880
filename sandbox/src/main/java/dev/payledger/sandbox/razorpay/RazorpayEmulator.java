package dev.payledger.sandbox.razorpay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payledger.sandbox.ApiFaults;
import dev.payledger.sandbox.EmulatorServer;
import dev.payledger.sandbox.WebhookDispatcher;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A local Razorpay. The real adapter talks to {@link #baseUri()} with {@link #KEY_ID}/{@link #KEY_SECRET};
 * payers pay through the stand-in {@code checkout.js} or the UPI page, or tests call {@link #pay},
 * {@link #fail} and {@link #payWithAmount}; webhooks signed with {@link #WEBHOOK_SECRET} go to
 * {@link #webhookTarget(URI)}. State is in memory. Thread-safe.
 */
public final class RazorpayEmulator implements AutoCloseable {
    /** The sandbox's fixed test credentials: obvious test values, never real keys. */
    public static final String KEY_ID = "rzp_test_sandbox";
    public static final String KEY_SECRET = "rzp_test_sandbox_secret";
    public static final String WEBHOOK_SECRET = "whsec_rzp_sandbox";

    private final EmulatorServer server;
    private final WebhookDispatcher dispatcher;
    private final RazorpayBook book;
    private final RazorpayWebhooks webhooks;
    private final String keyId;
    private final String keySecret;
    private volatile boolean autoCapture = true;
    private volatile RefundFlow refundFlow = RefundFlow.PENDING_THEN_PROCESSED;
    private volatile Long paidAmountOverride;
    private volatile Duration refundLatency = Duration.ZERO;
    private final AtomicInteger orderAnswersToLose = new AtomicInteger();

    private RazorpayEmulator(int port, String keyId, String keySecret, String webhookSecret) {
        Supplier<Instant> clock = Instant::now;
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.keySecret = Objects.requireNonNull(keySecret, "keySecret");
        this.book = new RazorpayBook(clock);
        this.dispatcher = new WebhookDispatcher("razorpay", clock, Duration.ofMillis(200));
        this.webhooks = new RazorpayWebhooks(dispatcher, Objects.requireNonNull(webhookSecret, "webhookSecret"), clock);
        this.server = EmulatorServer.start("razorpay", port);
        new RazorpayApi(book, webhooks, keyId, keySecret, this).register(server);
        new RazorpayPages(this, book).register(server);
    }

    /** Starts on {@code 127.0.0.1:port} ({@code 0}: any free port) with the fixed sandbox credentials. */
    public static RazorpayEmulator start(int port) {
        return new RazorpayEmulator(port, KEY_ID, KEY_SECRET, WEBHOOK_SECRET);
    }

    public static RazorpayEmulator start(int port, String keyId, String keySecret, String webhookSecret) {
        return new RazorpayEmulator(port, keyId, keySecret, webhookSecret);
    }

    /** The API base ({@code http://127.0.0.1:PORT}), in place of {@code https://api.razorpay.com}. */
    public URI baseUri() {
        return server.baseUri();
    }

    /** The stand-in for {@code https://checkout.razorpay.com/v1/checkout.js}. */
    public URI checkoutScriptUri() {
        return server.baseUri().resolve("/v1/checkout.js");
    }

    /** The "scan the UPI QR" page: what a payer's UPI app would show for the order. */
    public URI upiPageUri(String orderId) {
        return server.baseUri().resolve("/upi/" + orderId);
    }

    public String keyId() {
        return keyId;
    }

    /** Where signed webhooks go; null to record them only. */
    public RazorpayEmulator webhookTarget(URI url) {
        dispatcher.target(url);
        return this;
    }

    /** Delivery knobs (twice, late, held and reordered, dropped) and the record of deliveries. */
    public WebhookDispatcher webhooks() {
        return dispatcher;
    }

    /**
     * How long the emulator itself took per API request, by route ({@code POST /v1/orders},
     * {@code GET /v1/orders}): Razorpay's share of a caller's time, measured inside the server.
     */
    public dev.payledger.sandbox.ServiceTimes serviceTimes() {
        return server.serviceTimes();
    }

    /** API knobs: 5xx/429 answers, slow answers. */
    public ApiFaults faults() {
        return server.faults();
    }

    /**
     * The next {@code count} {@code POST /v1/orders} make the order and then answer 502, as if the answer was lost
     * on its way back: the caller cannot tell whether the order exists. {@code 0} turns it off.
     */
    public RazorpayEmulator loseOrderAnswers(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        orderAnswersToLose.set(count);
        return this;
    }

    /** Whether payments are captured as soon as they are authorized (the account's setting; on by default). */
    public RazorpayEmulator autoCapture(boolean on) {
        this.autoCapture = on;
        return this;
    }

    public RazorpayEmulator refundFlow(RefundFlow flow) {
        this.refundFlow = Objects.requireNonNull(flow, "flow");
        return this;
    }

    /**
     * How long the refund API works on a request before answering; a second request with the same
     * {@code X-Refund-Idempotency} key meanwhile gets Razorpay's 409.
     */
    public RazorpayEmulator refundLatency(Duration latency) {
        this.refundLatency = Objects.requireNonNull(latency, "latency");
        return this;
    }

    /** Every following payment, from pages or {@link #pay}, is for {@code paise} instead of the order's amount. */
    public RazorpayEmulator overridePaidAmount(long paise) {
        this.paidAmountOverride = paise;
        return this;
    }

    public RazorpayEmulator clearPaidAmountOverride() {
        this.paidAmountOverride = null;
        return this;
    }

    /** The payer pays the order by card, as Checkout's pay button does. */
    public CheckoutResult pay(String orderId) {
        return pay(orderId, paidAmountOverride, "card");
    }

    /** The payer scans the UPI QR and pays the order. */
    public CheckoutResult payWithUpi(String orderId) {
        return pay(orderId, paidAmountOverride, "upi");
    }

    /** The payer pays {@code paise}, whatever the order says (a tampered checkout). */
    public CheckoutResult payWithAmount(String orderId, long paise) {
        return pay(orderId, paise, "card");
    }

    /** The payer's attempt fails ({@code payment.failed}); the order stays payable. Returns the payment id. */
    public String fail(String orderId) {
        RazorpayBook.Snapshot failed = programmatic(() -> book.fail(orderId, "card", "BAD_REQUEST_ERROR",
                "Payment failed because the payer's bank declined it"));
        webhooks.payment("payment.failed", failed);
        return failed.payment().get("id").asText();
    }

    public void processRefund(String refundId) {
        webhooks.refund("refund.processed", programmatic(() -> book.settleRefund(refundId, true)));
    }

    public void failRefund(String refundId) {
        webhooks.refund("refund.failed", programmatic(() -> book.settleRefund(refundId, false)));
    }

    /** The order as {@code GET /v1/orders/{id}} shows it. */
    public JsonNode order(String orderId) {
        return programmatic(() -> book.order(orderId));
    }

    /** The payment as {@code GET /v1/payments/{id}} shows it. */
    public JsonNode payment(String paymentId) {
        return programmatic(() -> book.payment(paymentId));
    }

    /** HMAC-SHA256(key secret, {@code order_id|payment_id}) in lowercase hex, as Checkout signs its callback. */
    public String callbackSignature(String orderId, String paymentId) {
        return Hmac.hex(keySecret, orderId + "|" + paymentId);
    }

    @Override
    public void close() {
        server.close();
        dispatcher.close();
    }

    CheckoutResult pay(String orderId, Long amount, String method) {
        RazorpayBook.Snapshot authorized = programmatic(() -> book.pay(orderId, amount, method));
        webhooks.payment("payment.authorized", authorized);
        String paymentId = authorized.payment().get("id").asText();
        if (autoCapture) {
            RazorpayBook.Snapshot captured = book.capture(paymentId, authorized.payment().get("amount").asLong(),
                    authorized.payment().get("currency").asText());
            webhooks.payment("payment.captured", captured);
            webhooks.orderPaid(captured);
        }
        return new CheckoutResult(orderId, paymentId, callbackSignature(orderId, paymentId));
    }

    /** Runs a book operation for a programmatic call: Razorpay's error becomes an IllegalStateException. */
    private static <T> T programmatic(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (ApiError error) {
            throw new IllegalStateException(error.getMessage(), error);
        }
    }

    /** True when this order's answer is to be lost ({@link #loseOrderAnswers(int)}). */
    boolean loseOrderAnswer() {
        return orderAnswersToLose.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    Long paidAmountOverride() {
        return paidAmountOverride;
    }

    void pauseForRefund() {
        Duration latency = refundLatency;
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    RazorpayBook.Snapshot afterRefund(RazorpayBook.Snapshot created) {
        String refundId = created.refund().get("id").asText();
        return switch (refundFlow) {
            case MANUAL -> created;
            case PROCESSED -> {
                RazorpayBook.Snapshot processed = book.settleRefund(refundId, true);
                webhooks.refund("refund.processed", processed);
                yield processed;
            }
            case PENDING_THEN_PROCESSED -> {
                processRefund(refundId);
                yield created;
            }
        };
    }
}
