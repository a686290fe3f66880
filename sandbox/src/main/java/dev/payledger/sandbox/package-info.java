/**
 * The shared emulator base: an HTTP server with routes and fault knobs, and a webhook dispatcher with
 * delivery knobs. Each provider's emulator lives in a subpackage and speaks that provider's wire format.
 */
package dev.payledger.sandbox;
