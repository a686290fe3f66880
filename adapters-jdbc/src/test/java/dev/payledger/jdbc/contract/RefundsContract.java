package dev.payledger.jdbc.contract;

import dev.payledger.core.money.Money;
import dev.payledger.core.payment.PaymentId;
import dev.payledger.core.payment.Refund;
import dev.payledger.core.payment.RefundId;
import dev.payledger.core.payment.RefundStatus;
import dev.payledger.core.payment.Refunds;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.payledger.jdbc.contract.Fixtures.INR;
import static dev.payledger.jdbc.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class RefundsContract extends PersistenceContract {
    private static final PaymentId PAYMENT = new PaymentId("pay_1");

    private Refunds refunds() {
        return persistence.refunds();
    }

    private static Refund refund(String id, PaymentId payment, long createdAtSecond) {
        return Refund.request(new RefundId(id), payment, Money.ofMinor(INR, 1000), "customer asked", 2,
                at(createdAtSecond));
    }

    @Test
    void insertedRefundIsFoundAsStored() {
        Refund requested = refund("rfd_1", PAYMENT, 0);

        inTransaction(() -> refunds().insert(requested));

        assertThat(refunds().find(new RefundId("rfd_1"))).contains(requested);
        assertThat(refunds().find(new RefundId("rfd_2"))).isEmpty();
    }

    @Test
    void insertingAnExistingIdThrows() {
        refunds().insert(refund("rfd_1", PAYMENT, 0));

        assertThatThrownBy(() -> refunds().insert(refund("rfd_1", PAYMENT, 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void updateIsCompareAndSetOnVersion() {
        Refund requested = refund("rfd_1", PAYMENT, 0);
        refunds().insert(requested);
        Refund pending = requested.moveTo(RefundStatus.PENDING, Optional.of("rfnd_X"), at(1));
        Refund failed = requested.moveTo(RefundStatus.FAILED, Optional.empty(), at(1));

        assertThat(refunds().update(pending)).isTrue();
        assertThat(refunds().update(failed)).isFalse();
        Refund succeeded = pending.moveTo(RefundStatus.SUCCEEDED, Optional.empty(), at(2));
        assertThat(refunds().update(succeeded)).isTrue();

        assertThat(refunds().find(requested.id())).contains(succeeded);
        assertThat(succeeded.providerRefundId()).contains("rfnd_X");
    }

    @Test
    void findsByTheProvidersRefundIdWithinThePayment() {
        Refund requested = refund("rfd_1", PAYMENT, 0);
        refunds().insert(requested);
        Refund pending = requested.moveTo(RefundStatus.PENDING, Optional.of("rfnd_X"), at(1));
        refunds().update(pending);

        assertThat(refunds().findByProviderRefundId(PAYMENT, "rfnd_X")).contains(pending);
        assertThat(refunds().findByProviderRefundId(new PaymentId("pay_2"), "rfnd_X")).isEmpty();
    }

    @Test
    void listByPaymentIsOldestFirstAndOnlyThatPayment() {
        refunds().insert(refund("rfd_2", PAYMENT, 10));
        refunds().insert(refund("rfd_1", PAYMENT, 0));
        refunds().insert(refund("rfd_3", new PaymentId("pay_2"), 5));

        assertThat(refunds().listByPayment(PAYMENT)).extracting(refund -> refund.id().value())
                .containsExactly("rfd_1", "rfd_2");
    }
}
