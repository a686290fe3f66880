/**
 * Jazzer fuzz tests: the three providers' webhook verifiers and payload readers, and the service's JSON request
 * parsing. Each answers every input with a value or the typed rejection, never another exception.
 */
package dev.payledger.reliability.fuzz;
