/**
 * Stripe for PayLedger on stripe-java: Checkout Sessions, refunds through the session's payment intent, and
 * signed webhooks read into {@link dev.payledger.core.payment.EventFact}s. {@link dev.payledger.stripe.Stripe}
 * builds the {@link dev.payledger.core.payment.PaymentProvider} from a {@link dev.payledger.stripe.StripeConfig}.
 */
package dev.payledger.stripe;
