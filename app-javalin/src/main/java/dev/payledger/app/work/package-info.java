/**
 * Background work of the service: the webhook inbox worker, the reconciler schedule and the outbox feed that
 * drives Server-Sent Events.
 */
package dev.payledger.app.work;
