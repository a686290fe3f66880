/**
 * The standalone PayLedger service: configuration, wiring (the only place that does), sandbox mode with the
 * provider emulators, and the command line.
 */
package dev.payledger.app;
