/**
 * PayLedger's core: {@link dev.payledger.core.PayLedger}, the entry point that wires every use case from the
 * ports in {@link dev.payledger.core.Persistence} and the providers it is given. Depends on the JDK only.
 */
package dev.payledger.core;
