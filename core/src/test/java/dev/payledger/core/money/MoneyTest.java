package dev.payledger.core.money;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {
    @Test
    void scaleComesFromTheCurrency() {
        assertThat(Money.ofMinor("INR", 34900).toDecimalString()).isEqualTo("349.00");
        assertThat(Money.ofMinor("JPY", 500).toDecimalString()).isEqualTo("500");
        assertThat(Money.ofMinor("KWD", 1234).toDecimalString()).isEqualTo("1.234");
        assertThat(Money.ofMinor("USD", 99).toString()).isEqualTo("0.99 USD");
    }

    @Test
    void parsesDecimalsExactlyAndRefusesExtraDigits() {
        assertThat(Money.parse(Money.currency("INR"), "49.5")).isEqualTo(Money.ofMinor("INR", 4950));
        assertThat(Money.parse(Money.currency("JPY"), "500")).isEqualTo(Money.ofMinor("JPY", 500));
        assertThatThrownBy(() -> Money.parse(Money.currency("INR"), "1.005")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse(Money.currency("INR"), "1e400")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse(Money.currency("INR"), "abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mixedCurrenciesAreRejected() {
        assertThatThrownBy(() -> Money.ofMinor("INR", 1).plus(Money.ofMinor("USD", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mismatch");
        assertThatThrownBy(() -> Money.ofMinor("INR", 1).compareTo(Money.ofMinor("USD", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overflowThrowsInsteadOfWrapping() {
        Money big = Money.ofMinor("USD", Long.MAX_VALUE);
        assertThatThrownBy(() -> big.plus(Money.ofMinor("USD", 1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> big.times(2)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void unknownCurrencyIsAClearError() {
        assertThatThrownBy(() -> Money.currency("XYZ1")).hasMessage("Unknown currency: XYZ1");
        assertThat(Money.currency(" inr ").getCurrencyCode()).isEqualTo("INR");
    }
}
