package dev.payledger.razorpay;

import dev.payledger.core.payment.PaymentProvider;
import dev.payledger.core.payment.ReconcilePolicy;
import dev.payledger.core.payment.RenderQrCode;

/** Builds the Razorpay provider for PayLedger. */
public final class Razorpay {
    /** The provider's name in configuration, on payments and in webhook routes. */
    public static final String PROVIDER = "razorpay";

    private Razorpay() {
    }

    /** The gateway and webhook verifier for one account, reconciled like cards and UPI. */
    public static PaymentProvider provider(RazorpayConfig config) {
        return new PaymentProvider(PROVIDER, new RazorpayGateway(config), new RazorpayWebhookVerifier(config.webhookSecret()),
                ReconcilePolicy.cards());
    }

    /** Renders UPI intents as PNG QR codes. */
    public static RenderQrCode qrCodes() {
        return new ZxingQrCodes();
    }
}
