package dev.payledger.core.payment;

import java.util.Objects;

/**
 * One provider as PayLedger uses it: its gateway, its webhook verifier and when the reconciler asks it
 * about payments that seem stuck. An adapter module builds one of these; adding a provider touches no core.
 */
public record PaymentProvider(String name, PaymentGateway gateway, ProviderEventVerifier verifier,
                              ReconcilePolicy reconcilePolicy) {
    public PaymentProvider {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(reconcilePolicy, "reconcilePolicy");
        if (!name.equals(gateway.provider()) || !name.equals(verifier.provider())) {
            throw new IllegalArgumentException("Gateway and verifier must both be for provider " + name);
        }
    }

    public PaymentProvider(String name, PaymentGateway gateway, ProviderEventVerifier verifier) {
        this(name, gateway, verifier, ReconcilePolicy.cards());
    }
}
