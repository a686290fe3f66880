/**
 * Test support: webhook signing as the providers do it, tokens, HTTP, database snapshots and app processes.
 */
package dev.payledger.reliability.support;
