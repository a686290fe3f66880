package dev.payledger.core.payment;

import dev.payledger.core.common.Require;
import dev.payledger.core.money.Money;

/**
 * A provider's verified statement that money moved for a payment: which payment, the provider's payment id,
 * and the amount and currency actually paid. Adapters build it only from what the provider said (a signed
 * webhook, or the provider's API), never from what a client sent.
 */
public record SettlementEvidence(String provider, PaymentReference reference, String providerPaymentId,
                                 Money amount) {
    public SettlementEvidence {
        Require.token(provider, "provider", 32);
        Require.nonNull(reference, "reference");
        Require.text(providerPaymentId, "provider payment id", 200);
        Require.nonNull(amount, "amount");
    }
}
