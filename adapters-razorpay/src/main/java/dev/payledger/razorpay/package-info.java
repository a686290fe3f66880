/**
 * PayLedger's Razorpay adapter: orders and Standard Checkout confirmation, capture and refunds through a small
 * HTTP client, webhook verification, and UPI intents with their QR codes. {@link dev.payledger.razorpay.Razorpay}
 * builds the provider from a {@link dev.payledger.razorpay.RazorpayConfig}.
 */
package dev.payledger.razorpay;
