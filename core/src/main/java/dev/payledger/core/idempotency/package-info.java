/**
 * Idempotency keys with Stripe's semantics: the same key and request give the same stored response, another
 * request under the same key is refused, and a concurrent repeat is told the first is still in progress.
 */
package dev.payledger.core.idempotency;
