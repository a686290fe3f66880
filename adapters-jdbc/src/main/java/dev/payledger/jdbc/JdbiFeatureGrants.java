package dev.payledger.jdbc;

import dev.payledger.core.common.UserId;
import dev.payledger.core.feature.FeatureGrant;
import dev.payledger.core.feature.FeatureGrants;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Feature grants in {@code feature_grants}, one row per user and feature. Thread-safe. */
final class JdbiFeatureGrants implements FeatureGrants {
    private final JdbiTransactions transactions;

    JdbiFeatureGrants(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<FeatureGrant> find(UserId user, String featureCode) {
        return transactions.withStatement(handle -> handle.createQuery("""
                        SELECT user_id, feature_code, activated_at, expires_at FROM feature_grants
                        WHERE user_id = :user AND feature_code = :feature""")
                .bind("user", user.value()).bind("feature", featureCode)
                .map(JdbiFeatureGrants::grant).findOne());
    }

    @Override
    public void save(FeatureGrant grant) {
        transactions.withStatement(handle -> handle.createUpdate("""
                        INSERT INTO feature_grants (user_id, feature_code, activated_at, expires_at)
                        VALUES (:user, :feature, :activatedAt, :expiresAt)
                        ON CONFLICT (user_id, feature_code) DO UPDATE
                        SET activated_at = excluded.activated_at, expires_at = excluded.expires_at""")
                .bind("user", grant.user().value())
                .bind("feature", grant.featureCode())
                .bind("activatedAt", Sql.at(grant.activatedAt()))
                .bind("expiresAt", Sql.at(grant.expiresAt()))
                .execute());
    }

    @Override
    public List<FeatureGrant> listByUser(UserId user) {
        return transactions.withStatement(handle -> handle.createQuery("""
                        SELECT user_id, feature_code, activated_at, expires_at FROM feature_grants
                        WHERE user_id = :user ORDER BY feature_code""")
                .bind("user", user.value()).map(JdbiFeatureGrants::grant).list());
    }

    private static FeatureGrant grant(ResultSet rs, StatementContext context) throws SQLException {
        return new FeatureGrant(new UserId(rs.getString("user_id")), rs.getString("feature_code"),
                Sql.instant(rs, "activated_at"), Sql.optionalInstant(rs, "expires_at"));
    }
}
