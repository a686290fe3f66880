/**
 * Contract tests: one abstract class per persistence port, run against the in-memory adapters of core and
 * the JDBI adapters by {@code InMemoryContractsTest} and {@code JdbiContractsTest}, so the two never drift.
 */
package dev.payledger.jdbc.contract;
