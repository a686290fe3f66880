package dev.payledger.app.http;

import dev.payledger.core.payment.PaymentGateway;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class TimedGatewayTest {
    @Test
    void everyGatewayMethodIsPassedOnDefaultsIncluded() throws Exception {
        for (Method method : PaymentGateway.class.getMethods()) {
            Method timed = TimedGateway.class.getMethod(method.getName(), method.getParameterTypes());
            assertThat(timed.getDeclaringClass()).as(method.getName() + " must be delegated, not inherited")
                    .isEqualTo(TimedGateway.class);
        }
        assertThat(Arrays.stream(PaymentGateway.class.getMethods()).map(Method::getName))
                .contains("confirmClient", "capture", "cancel");
    }

    @Test
    void theServerTimingHasMillisecondsWithThreeDecimals() {
        ProviderCalls calls = new ProviderCalls();
        ProviderCalls.startRequest();
        assertThat(ProviderCalls.serverTiming()).isEqualTo("provider;dur=0.000");

        calls.time("razorpay", "fetch", () -> {
            long until = System.nanoTime() + 2_000_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return null;
        });

        String timing = ProviderCalls.serverTiming();
        assertThat(timing).matches("provider;dur=\\d+\\.\\d{3}");
        assertThat(Double.parseDouble(timing.substring("provider;dur=".length()))).isGreaterThanOrEqualTo(2.0);
    }
}
