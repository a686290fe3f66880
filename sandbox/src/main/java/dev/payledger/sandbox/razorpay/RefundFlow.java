package dev.payledger.sandbox.razorpay;

/** How the emulator's refunds end. */
public enum RefundFlow {
    /** The refund API answers {@code pending}; the refund is processed right after and {@code refund.processed} is sent. */
    PENDING_THEN_PROCESSED,
    /** The refund API answers {@code processed} (an instant refund) and {@code refund.processed} is sent. */
    PROCESSED,
    /** Refunds stay {@code pending} until {@link RazorpayEmulator#processRefund} or {@link RazorpayEmulator#failRefund}. */
    MANUAL
}
