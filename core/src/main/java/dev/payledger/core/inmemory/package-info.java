/**
 * In-memory implementations of every persistence port: thread-safe, transactional (serial, with rollback),
 * enforcing the same contracts as the database adapters. For tests and prototypes.
 */
package dev.payledger.core.inmemory;
