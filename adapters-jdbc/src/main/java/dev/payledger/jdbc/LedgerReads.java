package dev.payledger.jdbc;

import dev.payledger.core.common.UserId;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.Ledger.WalletDrift;
import dev.payledger.core.ledger.Wallet;
import dev.payledger.core.ledger.WalletEntry;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The ledger's queries: wallets, statements, balances derived from postings and the drift check. */
final class LedgerReads {
    private final JdbiTransactions transactions;

    LedgerReads(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    boolean isPosted(String key) {
        return transactions.withStatement(handle -> handle
                .createQuery("SELECT EXISTS (SELECT 1 FROM ledger_transactions WHERE key = :key)")
                .bind("key", key).mapTo(Boolean.class).one());
    }

    Wallet wallet(UserId user) {
        return transactions.withStatement(handle -> handle
                .createQuery("SELECT balance, earned, spent FROM wallets WHERE user_id = :user")
                .bind("user", user.value())
                .map((rs, context) -> new Wallet(user, rs.getLong("balance"), rs.getLong("earned"), rs.getLong("spent")))
                .findOne()
                .orElseGet(() -> Wallet.empty(user)));
    }

    Map<UserId, Wallet> wallets(Collection<UserId> users) {
        Map<UserId, Wallet> wallets = new LinkedHashMap<>();
        users.forEach(user -> wallets.put(user, Wallet.empty(user)));
        if (users.isEmpty()) {
            return wallets;
        }
        transactions.withStatement(handle -> handle
                .createQuery("SELECT user_id, balance, earned, spent FROM wallets WHERE user_id = ANY(:users)")
                .bind("users", Sql.texts(users.stream().map(UserId::value).toList()))
                .map((rs, context) -> new Wallet(new UserId(rs.getString("user_id")), rs.getLong("balance"),
                        rs.getLong("earned"), rs.getLong("spent")))
                .list()).forEach(wallet -> wallets.put(wallet.user(), wallet));
        return wallets;
    }

    /** Keyset pagination over the {@code (user_id, sequence)} primary key. */
    List<WalletEntry> entries(UserId user, Optional<Long> before, int limit) {
        return transactions.withStatement(handle -> handle.createQuery("""
                        SELECT sequence, tx_key, type, amount, balance_after, description, posted_at
                        FROM wallet_entries WHERE user_id = :user AND sequence < :before
                        ORDER BY sequence DESC LIMIT :limit""")
                .bind("user", user.value())
                .bind("before", before.orElse(Long.MAX_VALUE))
                .bind("limit", limit)
                .map((rs, context) -> new WalletEntry(rs.getLong("sequence"), user, rs.getString("tx_key"),
                        EntryType.valueOf(rs.getString("type")), rs.getLong("amount"), rs.getLong("balance_after"),
                        rs.getString("description"), Sql.instant(rs, "posted_at")))
                .list());
    }

    Map<String, Long> totalsByAsset() {
        return transactions.withStatement(handle -> {
            Map<String, Long> totals = new TreeMap<>();
            handle.createQuery("SELECT asset, sum(amount)::bigint AS total FROM ledger_postings GROUP BY asset")
                    .map((rs, context) -> Map.entry(rs.getString("asset"), rs.getLong("total")))
                    .forEach(total -> totals.put(total.getKey(), total.getValue()));
            return totals;
        });
    }

    long balance(AccountId account) {
        return transactions.withStatement(handle -> handle.createQuery("""
                        SELECT coalesce(sum(amount), 0)::bigint FROM ledger_postings
                        WHERE account = :account AND asset = :asset""")
                .bind("account", account.name()).bind("asset", account.asset())
                .mapTo(Long.class).one());
    }

    /** Wallets whose projection disagrees with their entries or with their postings. */
    List<WalletDrift> walletsOutOfBalance() {
        return transactions.withStatement(handle -> handle.createQuery("""
                        SELECT w.user_id, w.balance, coalesce(e.total, 0)::bigint AS entries_total
                        FROM wallets w
                        LEFT JOIN (SELECT user_id, sum(amount) AS total,
                                          sum(CASE WHEN type = 'SPEND' THEN -amount ELSE 0 END) AS spent
                                   FROM wallet_entries GROUP BY user_id) e ON e.user_id = w.user_id
                        LEFT JOIN (SELECT account, sum(amount) AS total FROM ledger_postings
                                   WHERE account LIKE 'wallet:%' AND asset = :credits GROUP BY account) p
                               ON p.account = 'wallet:' || w.user_id
                        WHERE w.balance <> coalesce(e.total, 0) OR w.spent <> coalesce(e.spent, 0)
                           OR w.earned - w.spent <> coalesce(e.total, 0) OR w.balance <> coalesce(p.total, 0)
                        ORDER BY w.user_id""")
                .bind("credits", AccountId.CREDITS)
                .map((rs, context) -> new WalletDrift(new UserId(rs.getString("user_id")), rs.getLong("balance"),
                        rs.getLong("entries_total")))
                .list());
    }
}
