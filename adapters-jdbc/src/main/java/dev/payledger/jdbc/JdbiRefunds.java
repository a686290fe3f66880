package dev.payledger.jdbc;

import dev.payledger.core.payment.PaymentId;
import dev.payledger.core.payment.Refund;
import dev.payledger.core.payment.RefundId;
import dev.payledger.core.payment.RefundStatus;
import dev.payledger.core.payment.Refunds;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Refunds in {@code refunds}; updates are compare-and-set on {@code version}. Thread-safe. */
final class JdbiRefunds implements Refunds {
    private static final String SELECT = "SELECT id, payment_id, amount_minor, currency, status, provider_refund_id,"
            + " reason, credits_clawed_back, created_at, updated_at, version FROM refunds ";

    private final JdbiTransactions transactions;

    JdbiRefunds(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void insert(Refund refund) {
        int inserted = transactions.withStatement(handle -> handle.createUpdate("""
                        INSERT INTO refunds (id, payment_id, amount_minor, currency, status, provider_refund_id, reason,
                            credits_clawed_back, created_at, updated_at, version)
                        VALUES (:id, :paymentId, :amount, :currency, :status, :providerRefundId, :reason, :credits,
                            :createdAt, :updatedAt, :version)
                        ON CONFLICT (id) DO NOTHING""")
                .bind("id", refund.id().value())
                .bind("paymentId", refund.paymentId().value())
                .bind("amount", refund.amount().minor())
                .bind("currency", refund.amount().currencyCode())
                .bind("status", refund.status().name())
                .bind("providerRefundId", refund.providerRefundId().orElse(null))
                .bind("reason", refund.reason())
                .bind("credits", refund.creditsClawedBack())
                .bind("createdAt", Sql.at(refund.createdAt()))
                .bind("updatedAt", Sql.at(refund.updatedAt()))
                .bind("version", refund.version())
                .execute());
        if (inserted == 0) {
            throw new IllegalStateException("Refund " + refund.id() + " exists");
        }
    }

    @Override
    public Optional<Refund> find(RefundId id) {
        return transactions.withStatement(handle -> handle.createQuery(SELECT + "WHERE id = :id")
                .bind("id", id.value()).map(JdbiRefunds::refund).findOne());
    }

    @Override
    public Optional<Refund> findByProviderRefundId(PaymentId paymentId, String providerRefundId) {
        return transactions.withStatement(handle -> handle.createQuery(SELECT
                        + "WHERE payment_id = :paymentId AND provider_refund_id = :ref ORDER BY created_at, id LIMIT 1")
                .bind("paymentId", paymentId.value()).bind("ref", providerRefundId)
                .map(JdbiRefunds::refund).findOne());
    }

    @Override
    public boolean update(Refund updated) {
        return transactions.withStatement(handle -> handle.createUpdate("""
                        UPDATE refunds SET status = :status, provider_refund_id = :providerRefundId,
                            updated_at = :updatedAt, version = :version
                        WHERE id = :id AND version = :expected""")
                .bind("id", updated.id().value())
                .bind("status", updated.status().name())
                .bind("providerRefundId", updated.providerRefundId().orElse(null))
                .bind("updatedAt", Sql.at(updated.updatedAt()))
                .bind("version", updated.version())
                .bind("expected", updated.version() - 1)
                .execute() == 1);
    }

    @Override
    public List<Refund> listByPayment(PaymentId paymentId) {
        return transactions.withStatement(handle -> handle
                .createQuery(SELECT + "WHERE payment_id = :paymentId ORDER BY created_at, id")
                .bind("paymentId", paymentId.value()).map(JdbiRefunds::refund).list());
    }

    private static Refund refund(ResultSet rs, StatementContext context) throws SQLException {
        return new Refund(new RefundId(rs.getString("id")), new PaymentId(rs.getString("payment_id")),
                Sql.money(rs, "amount_minor", "currency"), RefundStatus.valueOf(rs.getString("status")),
                Sql.optionalString(rs, "provider_refund_id"), rs.getString("reason"),
                rs.getLong("credits_clawed_back"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                rs.getLong("version"));
    }
}
