/**
 * A Stripe stand-in: the Checkout Sessions, Payment Intents and Refunds endpoints as stripe-java calls them, a
 * hosted payment page per session, and webhooks signed with a {@code Stripe-Signature} header.
 */
package dev.payledger.sandbox.stripe;
