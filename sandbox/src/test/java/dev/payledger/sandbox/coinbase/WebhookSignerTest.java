package dev.payledger.sandbox.coinbase;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignerTest {
    @Test
    void hook0SignatureReproducesHook0sOwnVectorK1() {
        String signature = WebhookSigner.hook0("secret", 1636936200L, "hello !".getBytes(StandardCharsets.UTF_8),
                List.of("x-event-id", "x-event-type"),
                Map.of("X-Event-Id", "1a01cb48-5142-4d9b-8f90-d20cca61f0ee", "X-Event-Type", "service.resource.verb"));

        assertThat(signature).isEqualTo("t=1636936200"
                + ",v0=1b3d69df55f1e52f05224ba94a5162abeb17ef52cd7f4948c390f810d6a87e98"
                + ",h=x-event-id x-event-type"
                + ",v1=bc521546ba5de381b12f135782d2008b028c3065c191760b12b76850a8fc8f51");
    }

    @Test
    void missingSignedHeaderCountsAsEmpty() {
        String withEmpty = WebhookSigner.hook0("s", 1L, new byte[0], List.of("a", "b"), Map.of("a", "x", "b", ""));
        String withMissing = WebhookSigner.hook0("s", 1L, new byte[0], List.of("a", "b"), Map.of("a", "x"));

        assertThat(withMissing).isEqualTo(withEmpty);
    }
}
