/**
 * The catalog: what is for sale and at what price, per currency. The only place amounts come from.
 */
package dev.payledger.core.catalog;
