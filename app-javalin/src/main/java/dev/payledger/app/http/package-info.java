/**
 * The HTTP API on Javalin: route groups per resource, bearer-token auth, idempotency keys, rate limits, the one
 * error mapper, SSE and metrics.
 */
package dev.payledger.app.http;
