/**
 * A local Razorpay: the orders, payments, capture and refund API with Basic auth and Razorpay's error shapes,
 * a stand-in {@code checkout.js} and UPI page, and webhooks signed with the webhook secret.
 */
package dev.payledger.sandbox.razorpay;
