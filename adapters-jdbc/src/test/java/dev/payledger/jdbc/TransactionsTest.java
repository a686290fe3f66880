package dev.payledger.jdbc;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The unit of work's retry on serialization failures and deadlocks, with real PostgreSQL errors. */
class TransactionsTest {
    private final JdbiTransactions transactions = new JdbiTransactions(TestDatabase.jdbi(), 4, Duration.ofMillis(1),
            Duration.ofMillis(20));

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.clean();
    }

    private static void failWith(Handle handle, String condition) {
        handle.execute("DO $$ BEGIN RAISE EXCEPTION 'forced by the test' USING ERRCODE = '" + condition + "'; END $$");
    }

    @Test
    void aSerializationFailureRunsTheWholeWorkAgain() {
        AtomicInteger attempts = new AtomicInteger();

        String result = transactions.inTransaction(() -> transactions.withHandle(handle -> {
            handle.execute("INSERT INTO feature_grants (user_id, feature_code, activated_at) VALUES ('alice', 'x', now())");
            if (attempts.incrementAndGet() == 1) {
                failWith(handle, "serialization_failure");
            }
            return "done";
        }));

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(2);
        assertThat(number("SELECT count(*)::int FROM feature_grants")).isEqualTo(1);
    }

    @Test
    void retriesAreBounded() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> transactions.inTransaction(() -> transactions.withHandle(handle -> {
            attempts.incrementAndGet();
            failWith(handle, "deadlock_detected");
            return null;
        }))).isInstanceOf(DatabaseException.class).hasMessageContaining("4 attempts").hasMessageContaining("40P01");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void otherDatabaseErrorsAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> transactions.inTransaction(() -> transactions.withHandle(handle -> {
            attempts.incrementAndGet();
            failWith(handle, "check_violation");
            return null;
        }))).isInstanceOf(DatabaseException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aConnectionLostMidwayIsUnreachableAndAFailedCheckIsNot() {
        RuntimeException lost = catchRuntime(() -> transactions.inTransaction(() -> transactions.withHandle(handle -> {
            handle.execute("INSERT INTO feature_grants (user_id, feature_code, activated_at) VALUES ('alice', 'x', now())");
            handle.execute("SELECT pg_terminate_backend(pg_backend_pid())"); // the server drops this connection
            return handle.execute("SELECT 1");
        })));
        RuntimeException check = catchRuntime(() -> transactions.inTransaction(() -> transactions.withHandle(handle -> {
            failWith(handle, "check_violation");
            return null;
        })));

        assertThat(transactions.isUnreachable(lost)).as(String.valueOf(lost)).isTrue();
        assertThat(transactions.isUnreachable(check)).isFalse();
        assertThat(number("SELECT count(*)::int FROM feature_grants")).isZero();
    }

    private static RuntimeException catchRuntime(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException failure) {
            return failure;
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void aRealDeadlockIsRetriedUntilBothTransactionsCommit() throws Exception {
        TestDatabase.jdbi().useHandle(handle -> handle.execute(
                "INSERT INTO wallets (user_id, balance, earned, spent, last_sequence) VALUES ('a', 0, 0, 0, 0), ('b', 0, 0, 0, 0)"));
        CyclicBarrier bothHoldTheirFirstLock = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();

        List<Integer> done = Race.run(2, thread -> transactions.inTransaction(() -> transactions.withHandle(handle -> {
            String first = thread == 0 ? "a" : "b";
            String second = thread == 0 ? "b" : "a";
            handle.execute("UPDATE wallets SET balance = balance + 1, earned = earned + 1 WHERE user_id = ?", first);
            if (attempts.incrementAndGet() <= 2) {
                await(bothHoldTheirFirstLock);
            }
            handle.execute("UPDATE wallets SET balance = balance + 1, earned = earned + 1 WHERE user_id = ?", second);
            return thread;
        })));

        assertThat(done).containsExactly(0, 1);
        assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
        assertThat(number("SELECT sum(balance)::int FROM wallets")).isEqualTo(4);
    }

    private static int number(String query) {
        Integer value = TestDatabase.jdbi().withHandle(handle -> handle.createQuery(query).mapTo(Integer.class).one());
        return value;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
