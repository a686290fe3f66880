package dev.payledger.app.http;

import dev.payledger.core.common.UserId;
import dev.payledger.core.outbox.OutboxEvent;
import io.javalin.http.sse.SseClient;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open Server-Sent-Event streams by user; {@link #publish} sends an outbox event to its user's streams
 * only. Thread-safe.
 */
public final class EventHub {
    private final Map<UserId, Set<SseClient>> clients = new ConcurrentHashMap<>();

    public void add(UserId user, SseClient client) {
        clients.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(client);
        client.onClose(() -> remove(user, client));
    }

    public void publish(OutboxEvent event) {
        Set<SseClient> streams = clients.get(event.user());
        if (streams == null || streams.isEmpty()) {
            return;
        }
        String data = Json.write(Json.map("type", event.type(), "subject", event.subject(), "data", event.data(),
                "occurred_at", event.occurredAt().toString()));
        for (SseClient client : streams) {
            if (client.terminated()) {
                remove(event.user(), client);
            } else {
                client.sendEvent(event.type(), data, Long.toString(event.sequence()));
            }
        }
    }

    /** Sends a comment to every stream so proxies keep them open and closed ones are noticed. */
    public void heartbeat() {
        clients.forEach((user, streams) -> streams.forEach(client -> {
            if (client.terminated()) {
                remove(user, client);
            } else {
                client.sendComment("keep-alive");
            }
        }));
    }

    public int size() {
        return clients.values().stream().mapToInt(Set::size).sum();
    }

    /** Ends every stream (at shutdown). */
    public void closeAll() {
        clients.values().forEach(streams -> streams.forEach(SseClient::close));
        clients.clear();
    }

    private void remove(UserId user, SseClient client) {
        Set<SseClient> streams = clients.get(user);
        if (streams != null) {
            streams.remove(client);
        }
    }
}
