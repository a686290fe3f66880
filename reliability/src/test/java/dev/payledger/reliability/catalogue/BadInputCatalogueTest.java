package dev.payledger.reliability.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payledger.reliability.support.Await;
import dev.payledger.reliability.support.Http;
import dev.payledger.reliability.support.InProcessService;
import dev.payledger.reliability.support.Snapshot;
import dev.payledger.sandbox.razorpay.CheckoutResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests against the running service (sandbox mode, embedded PostgreSQL): each gets its expected
 * answer, and the database's business state ({@link Snapshot}) is the same after it as before. The world: Alice
 * paid a starter package by Razorpay (10 credits) and unlocked ai-summary; she has an unpaid order; Bob has an open
 * Razorpay checkout. The cases are in {@link HostileRequests}.
 */
class BadInputCatalogueTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;
    static InProcessService service;
    static World world;

    /** What the cases refer to. */
    record World(String alice, String bob, String admin, String alicePayment, String aliceOrderRef,
                 CheckoutResult alicePaid, String aliceOrder, String bobPayment, String bobOrderRef,
                 String storedRazorpayEventId) {
    }

    @BeforeAll
    static void buildTheWorld() throws Exception {
        service = InProcessService.start(directory, Map.of());
        String alice = service.token("alice", false);
        String bob = service.token("bob", false);
        String admin = service.token("ops", true);
        JsonNode alicePayment = created(Http.json("POST", service.url("/api/checkout"), alice,
                "{\"package_id\":\"starter\",\"currency\":\"INR\",\"provider\":\"razorpay\"}"));
        String aliceOrderRef = alicePayment.path("provider_ref").asText();
        CheckoutResult paid = service.sandbox().razorpay().orElseThrow().pay(aliceOrderRef);
        Await.until("Alice's payment is captured", Duration.ofSeconds(30), () -> Http.json("GET",
                service.url("/api/payments/" + alicePayment.path("id").asText()), alice, null).body()
                .contains("\"CAPTURED\""));
        Http.Answer unlock = Http.send("POST", service.url("/api/features/ai-summary/unlock"), Map.of(
                "Authorization", "Bearer " + alice, "Idempotency-Key", "alice-unlock-1"), new byte[0]);
        assertThat(unlock.status()).as(unlock.body()).isEqualTo(200);
        JsonNode order = created(Http.json("POST", service.url("/api/orders"), alice,
                "{\"currency\":\"INR\",\"items\":[{\"sku\":\"visa-fee\",\"quantity\":1}]}"));
        Http.Answer keyed = Http.send("POST", service.url("/api/checkout"), Map.of("Content-Type", "application/json",
                "Authorization", "Bearer " + bob, "Idempotency-Key", "bob-checkout-1"),
                "{\"package_id\":\"starter\",\"currency\":\"INR\",\"provider\":\"razorpay\"}".getBytes());
        JsonNode bobPayment = created(keyed);
        String stored = Await.stable(Duration.ofMillis(700), Duration.ofSeconds(30), () -> Snapshot.of(service.dataSource()));
        assertThat(stored).contains("wallets 1 balance 8 earned 10");
        String eventId;
        try (var connection = service.dataSource().getConnection();
             var rs = connection.createStatement().executeQuery(
                     "SELECT event_id FROM inbox_events WHERE provider = 'razorpay' ORDER BY id LIMIT 1")) {
            rs.next();
            eventId = rs.getString(1);
        }
        world = new World(alice, bob, admin, alicePayment.path("id").asText(), aliceOrderRef, paid,
                order.path("id").asText(), bobPayment.path("id").asText(), bobPayment.path("provider_ref").asText(),
                eventId);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    /**
     * Cases the service still gets wrong, reported in /work/notes/requests-app.md (22:14 UTC): an order quantity
     * that is not a whole int is read as 1. They run and are expected to fail until the app reads it strictly.
     */
    static final Set<String> KNOWN_DEFECTS = Set.of();

    static List<Hostile> catalogue() {
        return HostileRequests.all(world);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void isRefusedAndChangesNothing(Hostile request) throws Exception {
        String before = Snapshot.of(service.dataSource());

        Http.Answer answer = request.sendTo(service.app().baseUrl());
        if (KNOWN_DEFECTS.contains(request.name())) {
            assertThat(answer.status()).as("known defect fixed? then drop it from KNOWN_DEFECTS").isNotEqualTo(request.status());
            return;
        }

        assertThat(answer.status()).as("%s answered %s", request.name(), answer.body()).isEqualTo(request.status());
        if (request.status() >= 400) {
            JsonNode error = JSON.readTree(answer.body()).path("error");
            assertThat(error.path("message").asText()).as(answer.body()).isNotBlank();
            if (request.code() != null) {
                assertThat(error.path("code").asText()).as(answer.body()).isEqualTo(request.code());
            }
        }
        Await.sleep(150);
        assertThat(Snapshot.of(service.dataSource())).as("state after " + request.name()).isEqualTo(before);
    }

    private static JsonNode created(Http.Answer answer) throws Exception {
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
        return JSON.readTree(answer.body());
    }
}
