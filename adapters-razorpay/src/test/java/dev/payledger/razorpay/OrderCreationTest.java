package dev.payledger.razorpay;

import com.sun.net.httpserver.HttpServer;
import dev.payledger.core.payment.CheckoutSession;
import dev.payledger.core.payment.Payment;
import dev.payledger.sandbox.razorpay.RazorpayEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.payledger.razorpay.RazorpayGatewayTest.checkoutOf;
import static dev.payledger.razorpay.RazorpayGatewayTest.newPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Opening a checkout makes one Razorpay order: one POST on the happy path, and a look-up by receipt (our
 * payment id) before the POST is tried again when its outcome is unknown.
 */
class OrderCreationTest {
    private static RazorpayEmulator emulator;
    private RazorpayGateway gateway;

    @BeforeAll
    static void startEmulator() {
        emulator = RazorpayEmulator.start(0);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void resetKnobs() {
        emulator.faults().reset();
        emulator.loseOrderAnswers(0);
        gateway = new RazorpayGateway(config(emulator.baseUri()));
    }

    private static RazorpayConfig config(URI baseUrl) {
        return RazorpayGatewayTest.config(baseUrl, emulator.checkoutScriptUri());
    }

    @Test
    void aCheckoutIsOneCallToRazorpay() throws Exception {
        emulator.serviceTimes().reset();

        gateway.createCheckout(checkoutOf(newPayment(4900)));

        assertThat(callsToRazorpay()).containsExactly(Map.entry("POST /v1/orders", 1L));
    }

    @Test
    void anOrderWhoseAnswerWasLostIsFoundByItsReceiptNotMadeTwice() throws Exception {
        Payment payment = newPayment(4900);
        emulator.loseOrderAnswers(1);

        emulator.serviceTimes().reset();

        CheckoutSession session = gateway.createCheckout(checkoutOf(payment));

        assertThat(callsToRazorpay()).containsExactly(Map.entry("GET /v1/orders", 1L), Map.entry("POST /v1/orders", 1L));
        assertThat(ordersWithReceipt(payment)).containsExactly(session.providerRef());
        assertThat(session.checkoutData()).containsEntry("order_id", session.providerRef());
    }

    @Test
    void aRefusedPostIsTriedOnceMoreAfterTheLookUpFindsNoOrder() throws Exception {
        Payment payment = newPayment(4900);
        emulator.serviceTimes().reset();
        emulator.faults().failNext(1, 503);

        CheckoutSession session = gateway.createCheckout(checkoutOf(payment));

        assertThat(callsToRazorpay()).containsExactly(Map.entry("GET /v1/orders", 1L), Map.entry("POST /v1/orders", 2L));
        assertThat(ordersWithReceipt(payment)).containsExactly(session.providerRef());
    }

    @Test
    void whenTheLookUpFailsTooThePostIsNotTriedAgain() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/", exchange -> {
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 502 : 503, -1);
            exchange.close();
        });
        failing.start();
        try {
            RazorpayGateway down = new RazorpayGateway(config(
                    URI.create("http://127.0.0.1:" + failing.getAddress().getPort())));

            RazorpayException failed = catchThrowableOfType(RazorpayException.class,
                    () -> down.createCheckout(checkoutOf(newPayment(4900))));

            assertThat(failed.httpStatus()).isEqualTo(503);
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.getSuppressed()).singleElement().isInstanceOf(RazorpayException.class);
            assertThat(calls).containsExactly("POST /v1/orders", "GET /v1/orders");
        } finally {
            failing.stop(0);
        }
    }

    @Test
    void aPostThatGetsNoAnswerInTimeFailsTheCheckoutWithoutALookUp() throws Exception {
        emulator.faults().delay(Duration.ofSeconds(4));
        long began = System.nanoTime();

        RazorpayException failed = catchThrowableOfType(RazorpayException.class,
                () -> gateway.createCheckout(checkoutOf(newPayment(4900))));

        // one 3 s request timeout; a look-up (also delayed 4 s) would have taken it past 6 s
        assertThat(failed.retryable()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    @Test
    void aRefusedOrderIsNotLookedUpOrTriedAgain() throws Exception {
        emulator.serviceTimes().reset();

        catchThrowableOfType(RazorpayException.class, () -> gateway.createCheckout(checkoutOf(newPayment(99))));

        assertThat(callsToRazorpay()).containsExactly(Map.entry("POST /v1/orders", 1L));
    }

    @Test
    void manyCheckoutsAtOnceRunTheClientsWorkOnTwoThreadsNotAThreadPerCall() throws Exception {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        List<Thread> callers = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 40; i++) {
            Thread caller = new Thread(() -> {
                try {
                    gateway.createCheckout(checkoutOf(newPayment(4900)));
                } catch (Throwable failure) {
                    failures.add(failure);
                }
            });
            callers.add(caller);
            caller.start();
        }
        for (Thread caller : callers) {
            caller.join(10_000);
        }

        assertThat(failures).isEmpty();
        // the JDK's default executor would have started "HttpClient-N-Worker-M" threads, up to one per call in flight
        List<String> started = Thread.getAllStackTraces().keySet().stream().filter(thread -> !before.contains(thread))
                .map(Thread::getName).toList();
        assertThat(started).noneMatch(name -> name.startsWith("HttpClient-") && name.contains("-Worker-"));
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .filteredOn(name -> name.startsWith("razorpay-http-")).hasSizeLessThanOrEqualTo(2);
    }

    /**
     * The emulator's calls per route since its service times were reset, once the last one is recorded (each is
     * recorded just after its answer is written).
     */
    private static Map<String, Long> callsToRazorpay() throws InterruptedException {
        Map<String, Long> counts = emulator.serviceTimes().counts();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(25);
            Map<String, Long> later = emulator.serviceTimes().counts();
            if (later.equals(counts) && !later.isEmpty()) {
                break;
            }
            counts = later;
        }
        return counts;
    }

    /** The ids of the orders Razorpay holds for this payment (its receipt), asked over the API. */
    private static List<String> ordersWithReceipt(Payment payment) {
        List<String> ids = new ArrayList<>();
        new RazorpayHttp(config(emulator.baseUri())).get("/v1/orders?receipt=" + RazorpayHttp.query(payment.id().value()))
                .path("items").forEach(order -> ids.add(order.path("id").asText()));
        return ids;
    }
}
