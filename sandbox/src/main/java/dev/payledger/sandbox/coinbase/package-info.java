/**
 * The Coinbase emulator: Coinbase Business checkouts and payment links (JWT-authenticated, Hook0-signed
 * webhooks) and the legacy Commerce charges API, with a hosted payment page and in-memory state.
 */
package dev.payledger.sandbox.coinbase;
