/**
 * Payments: checkout, the one settlement path, provider events, refunds and reconciliation, with the ports
 * provider adapters implement ({@link dev.payledger.core.payment.PaymentGateway},
 * {@link dev.payledger.core.payment.ProviderEventVerifier}).
 */
package dev.payledger.core.payment;
