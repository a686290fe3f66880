/**
 * The bad-input catalogue: hostile HTTP requests against the running service, each with its expected answer and
 * a check that nothing in the database changed.
 */
package dev.payledger.reliability.catalogue;
