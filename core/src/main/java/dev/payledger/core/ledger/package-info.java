/**
 * The double-entry ledger: accounts per asset, transactions of transfers under unique keys, and the
 * statement entries users see. Every movement of money or credits is a posting here.
 */
package dev.payledger.core.ledger;
