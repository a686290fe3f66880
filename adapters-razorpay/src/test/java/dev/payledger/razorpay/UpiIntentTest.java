package dev.payledger.razorpay;

import dev.payledger.core.money.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpiIntentTest {

    @Test
    void u1VectorEncodesSpacesAsPercent20AndKeepsTheAtSign() {
        UpiIntent intent = UpiIntent.to("merchant@okaxis", "Acme Store").amount(Money.ofMinor("INR", 14950))
                .note("Order 42").reference("ORD-42").build();

        assertThat(intent.uri()).isEqualTo("upi://pay?pa=merchant@okaxis&pn=Acme%20Store&am=149.50&cu=INR&tn=Order%2042&tr=ORD-42");
    }

    @Test
    void amountsAlwaysHaveTwoDecimals() {
        UpiIntent intent = UpiIntent.to("shop@upi", "Shop").amount(Money.ofMinor("INR", 4900)).reference("order_X").build();

        assertThat(intent.uri()).isEqualTo("upi://pay?pa=shop@upi&pn=Shop&am=49.00&cu=INR&tr=order_X");
    }

    @Test
    void reservedAndNonAsciiCharactersArePercentEncoded() {
        UpiIntent intent = UpiIntent.to("shop@upi", "Chai & Co+").amount(Money.ofMinor("INR", 100))
                .note("₹1 for 50%=ok?").reference("order_X").build();

        assertThat(intent.uri()).contains("pn=Chai%20%26%20Co%2B")
                .contains("tn=%E2%82%B91%20for%2050%25%3Dok%3F").doesNotContain("+").doesNotContain(" ");
    }

    @Test
    void refusesOtherCurrenciesAndAddressesThatAreNotVpas() {
        assertThatThrownBy(() -> UpiIntent.to("shop@upi", "Shop").amount(Money.ofMinor("USD", 100)).reference("r").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INR");
        assertThatThrownBy(() -> UpiIntent.to("not-a-vpa", "Shop").amount(Money.ofMinor("INR", 100)).reference("r").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VPA");
    }
}
