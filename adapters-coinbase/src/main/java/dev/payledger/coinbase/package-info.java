/**
 * The Coinbase adapter: Coinbase Business checkouts or payment links (CDP JWT-signed requests, Hook0-signed
 * webhooks) by default, and the legacy Commerce charges API as a configured variant. Start at {@link
 * dev.payledger.coinbase.Coinbase#provider(CoinbaseConfig)}.
 */
package dev.payledger.coinbase;
