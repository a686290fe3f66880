package dev.payledger.sandbox;

import java.util.Map;
import java.util.function.LongFunction;

/**
 * A webhook an emulator wants delivered: an id (for logs and knobs), the raw body, and a function that signs
 * it at a given send time (epoch seconds) into headers, so that a retry carries a fresh timestamp where the
 * provider's scheme has one.
 */
public record OutgoingWebhook(String eventId, String type, byte[] body, LongFunction<Map<String, String>> signedHeaders) {
}
