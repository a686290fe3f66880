package dev.payledger.jdbc;

import dev.payledger.core.common.BatchSession;
import dev.payledger.core.order.OrderId;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static dev.payledger.jdbc.TestDatabase.onOne;
import static dev.payledger.jdbc.TestDatabase.unpooledConnection;
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
    void aBatchTransactionPlansEachStatementOnceAndItsConnectionGoesBackToTheDefault() throws Exception {
        try (Connection connection = unpooledConnection()) {
            JdbiTransactions onOneConnection = onOne(connection);
            Supplier<String> planMode = () -> onOneConnection.withHandle(handle -> handle
                    .createQuery("SELECT current_setting('plan_cache_mode') || ' ' || current_setting('enable_seqscan')")
                    .mapTo(String.class).one());
            Supplier<Long> customPlansOverTwelveLengths = () -> onOneConnection.withHandle(handle -> {
                for (int length = 1; length <= 12; length++) {
                    handle.createQuery("SELECT count(*) FROM orders WHERE id = ANY(:ids) AND version > 0")
                            .bindArray("ids", String.class, Collections.nCopies(length, "no-such-order"))
                            .mapTo(Long.class).one();
                }
                return handle.createQuery("SELECT custom_plans FROM pg_prepared_statements"
                                + " WHERE statement LIKE '%FROM orders WHERE id = ANY%' AND statement NOT LIKE '%pg_prepared%'")
                        .mapTo(Long.class).one();
            });

            assertThat(onOneConnection.inBatchTransaction(planMode)).isEqualTo("force_generic_plan off");
            assertThat(onOneConnection.inBatchTransaction(customPlansOverTwelveLengths)).isZero();
            assertThat(onOneConnection.inTransaction(planMode)).isEqualTo("auto on");
            assertThat(catchRuntime(() -> onOneConnection.inBatchTransaction(() -> onOneConnection.withHandle(handle -> {
                failWith(handle, "check_violation");
                return null;
            })))).isInstanceOf(DatabaseException.class);
            assertThat(onOneConnection.inTransaction(planMode)).isEqualTo("auto on");
            // without the setting, PostgreSQL plans the same statement anew for most array lengths
            try (Statement statement = connection.createStatement()) {
                statement.execute("DEALLOCATE ALL");
            }
            assertThat(onOneConnection.inTransaction(customPlansOverTwelveLengths)).isPositive();
        }
    }

    @Test
    void aBatchSessionKeepsOneConnectionSetUpOnceAndGivesItBackAsItWasLent() throws Exception {
        try (Connection connection = unpooledConnection()) {
            AtomicInteger lent = new AtomicInteger();
            JdbiTransactions onOneConnection = onOne(connection, lent);
            Supplier<String> planMode = () -> onOneConnection.withHandle(handle -> handle
                    .createQuery("SELECT current_setting('plan_cache_mode') || ' ' || current_setting('enable_seqscan')"
                            + " || ' ' || current_setting('enable_hashjoin') || ' ' || current_setting('enable_mergejoin')")
                    .mapTo(String.class).one());
            BatchSession session = onOneConnection.batchSession();

            assertThat(session.inTransaction(planMode)).isEqualTo("force_generic_plan off off off");
            assertThat(session.inTransaction(planMode)).isEqualTo("force_generic_plan off off off");
            assertThat(lent).hasValue(1);
            Supplier<Boolean> active = onOneConnection::isActive;
            assertThat(session.inTransaction(active)).isTrue();
            session.release();
            session.release();
            assertThat(onOneConnection.inTransaction(planMode)).isEqualTo("auto on on on");

            // a failed transaction gives the connection back, reset, and the next one takes it again
            assertThat(session.inTransaction(planMode)).isEqualTo("force_generic_plan off off off");
            assertThat(catchRuntime(() -> session.inTransaction(() -> onOneConnection.withHandle(handle -> {
                failWith(handle, "check_violation");
                return null;
            })))).isInstanceOf(DatabaseException.class);
            int lentBefore = lent.get();
            assertThat(onOneConnection.inTransaction(planMode)).isEqualTo("auto on on on");
            assertThat(session.inTransaction(planMode)).isEqualTo("force_generic_plan off off off");
            assertThat(lent.get()).isEqualTo(lentBefore + 2);
            session.release();
            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(onOneConnection.inTransaction(planMode)).isEqualTo("auto on on on");
        }
    }

    @Test
    void aBatchSessionCommitsItsWorkAndARetryRunsItAgainWithTheSettings() throws Exception {
        try (Connection connection = unpooledConnection()) {
            JdbiTransactions onOneConnection = onOne(connection, new AtomicInteger(), 3);
            AtomicInteger attempts = new AtomicInteger();
            BatchSession session = onOneConnection.batchSession();

            String mode = session.inTransaction(() -> onOneConnection.withHandle(handle -> {
                handle.execute("INSERT INTO feature_grants (user_id, feature_code, activated_at) VALUES ('alice', 'x', now())");
                if (attempts.incrementAndGet() == 1) {
                    failWith(handle, "40001");
                }
                return handle.createQuery("SELECT current_setting('plan_cache_mode')").mapTo(String.class).one();
            }));
            session.release();

            assertThat(mode).isEqualTo("force_generic_plan");
            assertThat(attempts).hasValue(2);
            long grants = onOneConnection.withHandle(handle -> handle
                    .createQuery("SELECT count(*) FROM feature_grants").mapTo(Long.class).one());
            assertThat(grants).isEqualTo(1L);
        }
    }

    @Test
    void aBatchKeepsItsIndexLookupsWhenATableGrowsAfterThePlanWasCached() throws Exception {
        try (Connection connection = unpooledConnection()) {
            JdbiTransactions onOneConnection = onOne(connection);
            JdbiOrders orders = new JdbiOrders(onOneConnection);
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM orders, order_lines"); // the statistics now say: empty
            }
            for (int length = 1; length <= 8; length++) { // server-prepared from the fifth call, planned while empty
                List<OrderId> ids = Collections.nCopies(length, new OrderId("no-such-order"));
                onOneConnection.inBatchTransaction(() -> orders.findAll(ids));
            }
            onOneConnection.withHandle(handle -> handle.execute("""
                    WITH o AS (INSERT INTO orders (id, buyer, total_minor, currency, fulfilment, payment_status, placed_at, version)
                               SELECT 'ord-' || g, 'buyer', 100, 'INR', 'PLACED', 'PENDING', now(), 1
                               FROM generate_series(1, 20000) g RETURNING id)
                    INSERT INTO order_lines (order_id, line_no, sku, kind, name, quantity, unit_price_minor, currency, credits_each)
                    SELECT id, 1, 'sku', 'PRODUCT', 'name', 1, 100, 'INR', 0 FROM o"""));

            String plan = onOneConnection.inBatchTransaction(() -> onOneConnection.withHandle(handle -> {
                String name = handle.createQuery("SELECT name FROM pg_prepared_statements"
                                + " WHERE statement LIKE '%FROM orders o LEFT JOIN order_lines%'")
                        .mapTo(String.class).one();
                return String.join("\n", handle.createQuery("EXPLAIN EXECUTE \"" + name + "\"('{ord-1,ord-2}')")
                        .mapTo(String.class).list());
            }));

            assertThat(plan).contains("Index Scan using orders_pkey", "Index Scan using order_lines_pkey")
                    .doesNotContain("Seq Scan", "Hash", "Merge");
            assertThat(onOneConnection.inBatchTransaction(() -> orders.findAll(List.of(new OrderId("ord-7")))))
                    .containsOnlyKeys(new OrderId("ord-7"));
        }
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
    void aStatementOutsideATransactionRunsInAutocommitAndInsideJoinsIt() {
        // VACUUM refuses to run inside a transaction block: it passes only if no BEGIN was sent
        transactions.withStatement(handle -> handle.execute("VACUUM feature_grants"));

        assertThatThrownBy(() -> transactions.inTransaction(() -> transactions.withStatement(handle ->
                handle.execute("VACUUM feature_grants")))).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("cannot run inside a transaction block");
    }

    @Test
    void aStatementOnAConnectionWithAutocommitOffIsStillCommitted() throws Exception {
        try (Connection connection = unpooledConnection()) {
            connection.setAutoCommit(false);
            JdbiTransactions onOneConnection = onOne(connection);

            onOneConnection.withStatement(handle -> handle.execute(
                    "INSERT INTO feature_grants (user_id, feature_code, activated_at) VALUES ('alice', 'x', now())"));
        }

        assertThat(number("SELECT count(*)::int FROM feature_grants")).isEqualTo(1);
    }

    @Test
    void aStatementOutsideATransactionIsRetriedOnASerializationFailure() {
        AtomicInteger attempts = new AtomicInteger();

        String result = transactions.withStatement(handle -> {
            if (attempts.incrementAndGet() == 1) {
                failWith(handle, "serialization_failure");
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(2);
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
