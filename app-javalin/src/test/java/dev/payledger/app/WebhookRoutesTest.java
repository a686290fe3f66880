package dev.payledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook answers of the design's table, and the inbox an operator sees and replays. */
class WebhookRoutesTest {
    private final TestApp app = TestApp.shared();

    @Test
    void missingSignatureIs400AndNothingIsStored() {
        String eventId = "evt_" + UUID.randomUUID();
        String body = Webhooks.capturedBody("order_nothere", 100);
        Map<String, String> headers = new HashMap<>(Webhooks.headers(body, eventId));
        headers.remove("X-Razorpay-Signature");
        TestApp.Reply reply = app.postBytes("/webhooks/razorpay", body.getBytes(StandardCharsets.UTF_8), headers);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("missing_signature");
        assertThat(inboxMentions(eventId)).isFalse();
    }

    @Test
    void invalidSignatureIs400AndNothingIsStored() {
        String eventId = "evt_" + UUID.randomUUID();
        String body = Webhooks.capturedBody("order_nothere", 100);
        Map<String, String> headers = new HashMap<>(Webhooks.headers(body, eventId));
        headers.put("X-Razorpay-Signature", Webhooks.sign(body, "not-the-secret"));
        TestApp.Reply reply = app.postBytes("/webhooks/razorpay", body.getBytes(StandardCharsets.UTF_8), headers);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalid_signature");
        assertThat(inboxMentions(eventId)).isFalse();
    }

    @Test
    void unknownPaymentIsStoredAnswered200AndReplayableByAnAdmin() {
        String eventId = "evt_" + UUID.randomUUID();
        String body = Webhooks.capturedBody("order_unknown" + eventId.substring(4, 12), 4900);
        TestApp.Reply reply = app.postBytes("/webhooks/razorpay", body.getBytes(StandardCharsets.UTF_8),
                Webhooks.headers(body, eventId));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("outcome").asText()).isEqualTo("deferred");
        long inboxId = reply.json().path("inbox_id").asLong();

        JsonNode failed = app.get("/api/admin/inbox?state=FAILED&limit=100", TestApp.adminToken()).json();
        assertThat(failed.path("events").toString()).contains(eventId);

        TestApp.Reply replayed = app.post("/api/admin/inbox/" + inboxId + "/replay", TestApp.adminToken(), "");
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().path("event").path("event_id").asText()).isEqualTo(eventId);

        TestApp.Reply duplicate = app.postBytes("/webhooks/razorpay", body.getBytes(StandardCharsets.UTF_8),
                Webhooks.headers(body, eventId));
        assertThat(duplicate.status()).isEqualTo(200);
        assertThat(duplicate.json().path("duplicate").asBoolean()).isTrue();
    }

    @Test
    void replayingAnEventThatIsNotFailedIs409AndAnUnknownOneIs404() {
        assertThat(app.post("/api/admin/inbox/999999999/replay", TestApp.adminToken(), "").status()).isEqualTo(409);
        assertThat(app.post("/api/admin/inbox/abc/replay", TestApp.adminToken(), "").status()).isEqualTo(404);
    }

    @Test
    void wrongContentTypeIs415() {
        String body = Webhooks.capturedBody("order_x", 100);
        Map<String, String> headers = new HashMap<>(Webhooks.headers(body, "evt_ct"));
        headers.put("Content-Type", "text/plain");
        TestApp.Reply reply = app.postBytes("/webhooks/razorpay", body.getBytes(StandardCharsets.UTF_8), headers);
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.errorCode()).isEqualTo("unsupported_media_type");
    }

    @Test
    void bodyOverTheLimitIs413() {
        byte[] body = new byte[256 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        TestApp.Reply reply = app.postBytes("/webhooks/stripe", body, Map.of("Content-Type", "application/json",
                "Stripe-Signature", "t=1,v1=00"));
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.errorCode()).isEqualTo("payload_too_large");
    }

    @Test
    void unknownProviderIs404() {
        TestApp.Reply reply = app.postBytes("/webhooks/paypal", "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"));
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("unknown_provider");
    }

    private boolean inboxMentions(String eventId) {
        String admin = TestApp.adminToken();
        for (String state : new String[] {"RECEIVED", "PROCESSED", "IGNORED", "FAILED"}) {
            if (app.get("/api/admin/inbox?limit=100&state=" + state, admin).body().contains(eventId)) {
                return true;
            }
        }
        return false;
    }
}
