package dev.payledger.coinbase;

import dev.payledger.core.payment.PaymentProvider;
import dev.payledger.core.payment.ReconcilePolicy;
import dev.payledger.sandbox.coinbase.CoinbaseEmulator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoinbaseConfigTest {
    @Test
    void blankSecretsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> CoinbaseConfig.business("kid", " ", "whsec"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("API key secret");
        assertThatThrownBy(() -> CoinbaseConfig.business("kid", CoinbaseEmulator.TEST_API_SECRET, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("webhook secret");
        assertThatThrownBy(() -> CoinbaseConfig.commerce(null, "whsec"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Commerce API key");
        assertThatThrownBy(() -> CoinbaseConfig.business("", CoinbaseEmulator.TEST_API_SECRET, "whsec"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key id");
    }

    @Test
    void toStringNeverShowsASecret() {
        CoinbaseConfig config = CoinbaseConfig.business(CoinbaseEmulator.TEST_API_KEY_ID,
                CoinbaseEmulator.TEST_API_SECRET, CoinbaseEmulator.TEST_WEBHOOK_SECRET);

        assertThat(config.toString()).doesNotContain(CoinbaseEmulator.TEST_API_SECRET)
                .doesNotContain(CoinbaseEmulator.TEST_WEBHOOK_SECRET).contains(CoinbaseEmulator.TEST_API_KEY_ID);
    }

    @Test
    void unsupportedResourcePathOrCurrencyIsRefused() {
        CoinbaseConfig config = CoinbaseConfig.business("kid", CoinbaseEmulator.TEST_API_SECRET, "whsec");

        assertThatThrownBy(() -> config.withResourcePath("charges")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withCurrency("BTC")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void providerOfEitherVariantUsesTheCryptoReconcilePolicy() {
        PaymentProvider business = Coinbase.provider(CoinbaseConfig.business(CoinbaseEmulator.TEST_API_KEY_ID,
                CoinbaseEmulator.TEST_API_SECRET, CoinbaseEmulator.TEST_WEBHOOK_SECRET));
        PaymentProvider commerce = Coinbase.provider(CoinbaseConfig.commerce(CoinbaseEmulator.TEST_COMMERCE_API_KEY,
                CoinbaseEmulator.TEST_COMMERCE_WEBHOOK_SECRET));

        assertThat(business.name()).isEqualTo("coinbase");
        assertThat(business.gateway()).isInstanceOf(CoinbaseGateway.class);
        assertThat(business.verifier()).isInstanceOf(CoinbaseWebhookVerifier.class);
        assertThat(business.reconcilePolicy()).isEqualTo(ReconcilePolicy.crypto());
        assertThat(commerce.gateway()).isInstanceOf(CommerceGateway.class);
        assertThat(commerce.verifier()).isInstanceOf(CommerceWebhookVerifier.class);
        assertThat(commerce.reconcilePolicy()).isEqualTo(ReconcilePolicy.crypto());
    }
}
