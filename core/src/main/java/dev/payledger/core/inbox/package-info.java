/**
 * The webhook inbox: every verified provider event, stored before it is processed, deduplicated on
 * (provider, event id), retried with back-off and replayable by an operator.
 */
package dev.payledger.core.inbox;
