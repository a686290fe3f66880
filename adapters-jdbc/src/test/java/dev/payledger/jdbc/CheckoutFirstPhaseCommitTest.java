package dev.payledger.jdbc;

import dev.payledger.core.order.Order;
import dev.payledger.core.payment.Payment;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static dev.payledger.jdbc.TestDatabase.onOne;
import static dev.payledger.jdbc.TestDatabase.unpooledConnection;
import static dev.payledger.jdbc.contract.Fixtures.ALICE;
import static dev.payledger.jdbc.contract.Fixtures.at;
import static dev.payledger.jdbc.contract.Fixtures.order;
import static dev.payledger.jdbc.contract.Fixtures.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A credit package checkout's first phase ({@code Payments.reuseOrInsertWithOrder}) commits without waiting for
 * the disk when it commits by itself, and only then: inside a unit of work the unit's own commit decides, and the
 * connection keeps its setting afterwards. On one connection outside the pool, set to commit synchronously (the
 * test server does not: see {@link EmbeddedDatabase#start}), counting the WAL writes its own backend made
 * (PostgreSQL 18's per-backend I/O statistics): a synchronous commit writes its WAL itself before it answers, an
 * asynchronous one leaves that to the WAL writer. (The test server does not fsync, so writes are what it counts.)
 */
class CheckoutFirstPhaseCommitTest {

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.clean();
    }

    @Test
    void byItselfItCommitsWithoutWaitingForTheDiskAndLeavesTheConnectionAsItWas() throws Exception {
        try (Connection connection = unpooledConnection()) {
            assumeThat(connection.getMetaData().getDatabaseMajorVersion()).as("per-backend I/O statistics")
                    .isGreaterThanOrEqualTo(18);
            commitSynchronously(connection);
            JdbiPayments payments = new JdbiPayments(onOne(connection));

            long before = walWrites(connection);
            assertThat(payments.reuseOrInsertWithOrder(order("ord_pay_1", ALICE, at(0)), payment("pay_1", ALICE,
                    "razorpay", at(0)), at(0))).isEmpty();
            long afterFirstPhase = walWrites(connection);
            // the same rows through the synchronous insert, three times so that one commit flushed meanwhile by
            // the WAL writer cannot hide the difference
            for (int i = 2; i <= 4; i++) {
                payments.insertWithOrder(order("ord_pay_" + i, ALICE, at(0)), payment("pay_" + i, ALICE, "razorpay",
                        at(0)));
            }
            long afterSynchronousInserts = walWrites(connection);

            assertThat(afterFirstPhase).as("WAL writes of the first phase").isEqualTo(before);
            assertThat(afterSynchronousInserts).as("WAL writes of three synchronous inserts").isGreaterThan(afterFirstPhase);
            assertThat(setting(connection)).isEqualTo("on");
            assertThat(payments.find(payment("pay_1", ALICE, "razorpay", at(0)).id())).isPresent();
        }
    }

    @Test
    void insideAUnitOfWorkTheUnitsCommitDecides() throws Exception {
        try (Connection connection = unpooledConnection()) {
            commitSynchronously(connection);
            JdbiTransactions transactions = onOne(connection);
            JdbiPayments payments = new JdbiPayments(transactions);
            Order order = order("ord_pay_1", ALICE, at(0));
            Payment payment = payment("pay_1", ALICE, "razorpay", at(0));

            String inside = transactions.inTransaction(() -> {
                payments.reuseOrInsertWithOrder(order, payment, at(0));
                return transactions.withHandle(CheckoutFirstPhaseCommitTest::setting);
            });

            assertThat(inside).isEqualTo("on");
            assertThat(setting(connection)).isEqualTo("on");
            assertThat(payments.find(payment.id())).isPresent();
        }
    }

    private static void commitSynchronously(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET synchronous_commit = on");
        }
    }

    /** WAL writes this connection's backend made, its pending statistics reported first. */
    private static long walWrites(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // reported when the backend next goes idle, so before the query below
            statement.execute("SELECT pg_stat_force_next_flush()");
            try (ResultSet rs = statement.executeQuery("SELECT writes FROM pg_stat_get_backend_io(pg_backend_pid())"
                    + " WHERE object = 'wal' AND context = 'normal'")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String setting(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_setting('synchronous_commit')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String setting(Handle handle) {
        return handle.createQuery("SELECT current_setting('synchronous_commit')").mapTo(String.class).one();
    }
}
