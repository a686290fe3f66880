package dev.payledger.core.payment;

import java.util.Optional;

/** Finds the payment a provider fact is about: by the provider's reference, our id, or its payment id. */
final class PaymentLocator {
    private PaymentLocator() {
    }

    static Optional<Payment> locate(Payments payments, String provider, PaymentReference reference) {
        Optional<Payment> found = reference.providerRef().flatMap(ref -> payments.findByProviderRef(provider, ref));
        return found.isPresent() ? found : locateWithoutProviderRef(payments, provider, reference);
    }

    /** {@link #locate} when the provider's reference is known to match nothing: by our id, then its payment id. */
    static Optional<Payment> locateWithoutProviderRef(Payments payments, String provider, PaymentReference reference) {
        Optional<Payment> found = reference.paymentId().flatMap(payments::find).filter(p -> p.provider().equals(provider));
        if (found.isEmpty()) {
            found = reference.providerPaymentId().flatMap(id -> payments.findByProviderPaymentId(provider, id));
        }
        return found;
    }
}
