/**
 * Money as integer minor units of one ISO currency. No floating point, no mixed-currency arithmetic.
 */
package dev.payledger.core.money;
