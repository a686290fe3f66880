package dev.payledger.core.common;

import dev.payledger.core.inmemory.InMemoryTransactions;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicallyTest {
    private final InMemoryTransactions transactions = new InMemoryTransactions();

    @Test
    void aLostCompareAndSetIsRunAgainInAFreshTransaction() {
        AtomicInteger attempts = new AtomicInteger();
        String result = Atomically.run(transactions, () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ConcurrentChangeException("payment");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void insideARunningTransactionItDoesNotRetryButRollsTheOuterOneBack() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> transactions.inTransaction(() -> Atomically.run(transactions, () -> {
            attempts.incrementAndGet();
            throw new ConcurrentChangeException("payment");
        }))).isInstanceOf(ConcurrentChangeException.class);
        assertThat(attempts).as("a partial attempt cannot be undone inside the outer transaction").hasValue(1);
    }
}
