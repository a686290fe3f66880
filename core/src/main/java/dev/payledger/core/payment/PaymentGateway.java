package dev.payledger.core.payment;

import java.util.Map;

/**
 * Calls one provider's API. One implementation per provider adapter. Never called inside a
 * {@link dev.payledger.core.common.UnitOfWork}: local state is committed first, and our own ids are passed
 * downstream as idempotency keys, so a retried call does not double anything. Implementations are
 * thread-safe; every method throws {@link GatewayException} when the provider cannot be reached or errs.
 */
public interface PaymentGateway {
    /** The provider's name, as used in configuration and stored on payments ({@code razorpay}). */
    String provider();

    /**
     * Opens a checkout for the amount in the request. Core calls it once per new payment id; an adapter must
     * make its own retries safe (a retry after an unknown outcome, such as a timeout, must not open a second
     * checkout for the same payment id, e.g. by sending the payment id as the provider's idempotency key or by
     * looking the checkout up before trying again).
     */
    CheckoutSession createCheckout(CheckoutRequest request);

    /** Asks the provider what happened to the payment (by its provider reference). */
    ProviderPaymentState fetch(Payment payment);

    /**
     * Checks a client callback (for example Razorpay's {@code razorpay_order_id|payment_id|signature}) and,
     * if it is authentic and belongs to {@code payment}, asks the provider for the payment's state.
     */
    default ClientConfirmation confirmClient(Payment payment, Map<String, String> callback) {
        return new ClientConfirmation.Unsupported();
    }

    /** Captures an authorized payment; the default is for providers that capture automatically. */
    default ProviderPaymentState capture(Payment payment, SettlementEvidence authorized) {
        return fetch(payment);
    }

    /** Returns money; idempotent on the request's refund id. */
    RefundOutcome refund(RefundRequest request);

    /** Closes an open checkout so it can no longer be paid (the payer dismissed it). Best effort. */
    default void cancel(Payment payment) {
    }
}
