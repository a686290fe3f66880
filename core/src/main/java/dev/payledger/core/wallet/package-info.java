/**
 * Wallet use cases: spend and grant credits, read the balance and the statement. The wallet itself is a
 * projection the ledger keeps.
 */
package dev.payledger.core.wallet;
