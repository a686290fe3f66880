package dev.payledger.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration: sandbox by default, fail fast on a missing secret (never printing one), no live keys in the sandbox. */
class ConfigTest {
    @Test
    void nothingConfiguredMeansSandboxWithAllThreeEmulatedProvidersOnPort8080() {
        Config config = Config.from(Settings.of(Map.of()));
        assertThat(config.sandbox()).isTrue();
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.razorpay()).isPresent();
        assertThat(config.stripe()).isPresent();
        assertThat(config.coinbase()).isPresent();
        assertThat(config.database().embedded()).isTrue();
        assertThat(config.webhookBodyLimit()).isEqualTo(256 * 1024);
        assertThat(config.checkoutsPerMinute()).isEqualTo(10);
        assertThat(config.defaultProviders()).containsEntry("INR", "razorpay").containsEntry("USD", "stripe");
    }

    /** A fake live-looking Stripe key, assembled so that no secret scanner mistakes this file for a leak. */
    private static final String FAKE_LIVE_STRIPE_KEY = "sk_" + "live_" + "not-a-real-key";

    @Test
    void liveKeysAreRefusedInSandboxMode() {
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("PAYLEDGER_SANDBOX", "true",
                "PAYLEDGER_STRIPE_SECRET_KEY", FAKE_LIVE_STRIPE_KEY))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PAYLEDGER_STRIPE_SECRET_KEY")
                .hasMessageNotContaining(FAKE_LIVE_STRIPE_KEY);
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("PAYLEDGER_SANDBOX", "true",
                "PAYLEDGER_RAZORPAY_KEY_ID", "rzp_live_abc"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Refusing sandbox mode");
    }

    @Test
    void anEnabledProviderWithoutItsSecretFailsNamingTheVariableNotTheValue() {
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("PAYLEDGER_STRIPE_SECRET_KEY", "sk_test_topsecret",
                "PAYLEDGER_JWT_SECRET", TestApp.JWT_SECRET))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PAYLEDGER_STRIPE_WEBHOOK_SECRET")
                .hasMessageNotContaining("sk_test_topsecret");
    }

    @Test
    void productionNeedsATokenKey() {
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("PAYLEDGER_STRIPE_SECRET_KEY", "sk_test_x",
                "PAYLEDGER_STRIPE_WEBHOOK_SECRET", "whsec_x"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PAYLEDGER_JWT_SECRET");
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("PAYLEDGER_JWT_SECRET", "short"))))
                .hasMessageContaining("at least 32 bytes").hasMessageNotContaining("short\"");
    }

    @Test
    void switchingFromRazorpayToStripeIsConfigurationOnly() {
        Config config = Config.from(Settings.of(Map.of("PAYLEDGER_STRIPE_SECRET_KEY", "sk_test_x",
                "PAYLEDGER_STRIPE_WEBHOOK_SECRET", "whsec_x", "PAYLEDGER_JWT_SECRET", TestApp.JWT_SECRET)));
        assertThat(config.sandbox()).isFalse();
        assertThat(config.razorpay()).isEmpty();
        assertThat(config.stripe()).isPresent();
        assertThat(config.defaultProviders()).containsEntry("INR", "stripe").containsEntry("USD", "stripe");
        assertThat(config.toString()).doesNotContain("whsec_x").doesNotContain("sk_test_x");
    }

    @Test
    void theConfigFileIsReadAndTheEnvironmentWins(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("payledger.properties");
        Files.writeString(file, "PAYLEDGER_PORT=9090\nPAYLEDGER_RECONCILE_INTERVAL=5m\nPAYLEDGER_CHECKOUT_RATE_LIMIT=3\n");
        Config config = Config.from(Settings.load(Map.of("PAYLEDGER_CONFIG", file.toString(),
                "PAYLEDGER_CHECKOUT_RATE_LIMIT", "7")));
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.reconcileInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.checkoutsPerMinute()).isEqualTo(7);
        assertThatThrownBy(() -> Settings.load(Map.of("PAYLEDGER_CONFIG", dir.resolve("missing").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PAYLEDGER_CONFIG");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("PAYLEDGER_PORT", "eighty"))))
                .hasMessageContaining("PAYLEDGER_PORT");
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("PAYLEDGER_RECONCILE_INTERVAL", "soon"))))
                .hasMessageContaining("PAYLEDGER_RECONCILE_INTERVAL");
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("PAYLEDGER_DEFAULT_PROVIDERS", "INR"))))
                .hasMessageContaining("PAYLEDGER_DEFAULT_PROVIDERS");
        assertThatThrownBy(() -> Config.from(Settings.of(Map.of("PAYLEDGER_DB_POOL_SIZE", "3"))))
                .hasMessageContaining("PAYLEDGER_DB_POOL_SIZE");
    }

    @Test
    void theDatabasePoolSizeIsSixteenUnlessConfigured() {
        assertThat(Config.from(Settings.of(Map.of())).database().poolSize()).isEqualTo(16);
        assertThat(Config.from(Settings.of(Map.of("PAYLEDGER_DB_POOL_SIZE", "40"))).database().poolSize()).isEqualTo(40);
    }
}
