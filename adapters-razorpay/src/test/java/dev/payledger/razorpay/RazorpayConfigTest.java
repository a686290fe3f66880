package dev.payledger.razorpay;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RazorpayConfigTest {

    @Test
    void refusesABlankKeySecretWithoutShowingAnything() {
        assertThatThrownBy(() -> RazorpayConfig.of("rzp_test_x", " ", "whsec"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key secret is not set");
    }

    @Test
    void refusesABlankWebhookSecret() {
        assertThatThrownBy(() -> RazorpayConfig.of("rzp_test_x", "secret", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("webhook secret is not set");
    }

    @Test
    void aSecretWithStraySpacesIsRefusedWithoutBeingPrinted() {
        assertThatThrownBy(() -> RazorpayConfig.of("rzp_test_x", "s3cr3t-value ", "whsec"))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("s3cr3t");
    }

    @Test
    void toStringNeverShowsTheSecrets() {
        RazorpayConfig config = RazorpayConfig.of("rzp_test_x", "key-secret-value", "hook-secret-value");

        assertThat(config.toString()).contains("rzp_test_x").doesNotContain("key-secret-value").doesNotContain("hook-secret-value");
        assertThat(config.testMode()).isTrue();
    }

    @Test
    void timeoutsAreBounded() {
        RazorpayConfig config = RazorpayConfig.of("rzp_test_x", "secret", "whsec");

        assertThatThrownBy(() -> config.withTimeouts(Duration.ofSeconds(1), Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAPayeeThatIsNotAUpiAddress() {
        assertThatThrownBy(() -> RazorpayConfig.of("rzp_test_x", "secret", "whsec").withPayee("shop", "Shop"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VPA");
    }
}
