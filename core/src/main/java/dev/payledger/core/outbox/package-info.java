/**
 * The transactional outbox: events written with the change they describe, read in order by publishers.
 */
package dev.payledger.core.outbox;
