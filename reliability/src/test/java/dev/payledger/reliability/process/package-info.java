/**
 * Process-level tests (failsafe, {@code *IT}): the built service jar as separate processes on one PostgreSQL —
 * several instances, a crash, secrets in logs.
 */
package dev.payledger.reliability.process;
