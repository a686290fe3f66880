/**
 * Orders: the business truth of what was bought, with fulfilment and payment status machines, and the
 * use case that places and manages them.
 */
package dev.payledger.core.order;
