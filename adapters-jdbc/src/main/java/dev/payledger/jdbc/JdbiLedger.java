package dev.payledger.jdbc;

import dev.payledger.core.common.UserId;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.Ledger;
import dev.payledger.core.ledger.LedgerTransaction;
import dev.payledger.core.ledger.Posting;
import dev.payledger.core.ledger.Transfer;
import dev.payledger.core.ledger.Wallet;
import dev.payledger.core.ledger.WalletEntry;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger on PostgreSQL. A transaction that only credits wallets is posted as {@link LedgerBatch} posts a
 * list, in one statement. One that debits a wallet inserts the transaction key first ({@code ON CONFLICT DO
 * NOTHING} decides who posts), then the postings, then moves each wallet by a conditional update that cannot
 * take it below zero. When a wallet is debited the work runs under a savepoint, rolled back on insufficient
 * funds, so {@link Posting.AlreadyPosted} and {@link Posting.InsufficientFunds} leave nothing behind. Wallets
 * are moved in account-name order so two transactions never lock them in opposite orders. Thread-safe.
 */
final class JdbiLedger implements Ledger {
    private static final String SAVEPOINT = "ledger_post";
    private static final String CREDIT_WALLET = """
            INSERT INTO wallets (user_id, balance, earned, spent, last_sequence)
            VALUES (:user, :delta, :earned, :spent, 1)
            ON CONFLICT (user_id) DO UPDATE SET balance = wallets.balance + :delta,
                earned = wallets.earned + :earned, spent = wallets.spent + :spent,
                last_sequence = wallets.last_sequence + 1
            RETURNING balance, earned, spent, last_sequence""";
    private static final String DEBIT_WALLET = """
            UPDATE wallets SET balance = balance + :delta, earned = earned + :earned, spent = spent + :spent,
                last_sequence = last_sequence + 1
            WHERE user_id = :user AND balance + :delta >= 0
            RETURNING balance, earned, spent, last_sequence""";
    /** Follows {@code WITH moved AS (...)}: records the statement entry and answers the wallet as moved. */
    private static final String RECORD_ENTRY = """
            , recorded AS (
                INSERT INTO wallet_entries (user_id, sequence, tx_key, type, amount, balance_after, description,
                    posted_at)
                SELECT :user, last_sequence, :key, :type, :delta, balance, :description, :postedAt FROM moved)
            SELECT balance, earned, spent FROM moved""";

    private final JdbiTransactions transactions;
    private final LedgerReads reads;

    JdbiLedger(JdbiTransactions transactions) {
        this.transactions = transactions;
        this.reads = new LedgerReads(transactions);
    }

    @Override
    public Posting post(LedgerTransaction transaction) {
        List<Map.Entry<AccountId, Long>> walletChanges = transaction.changes().entrySet().stream()
                .filter(change -> change.getKey().isWallet() && change.getValue() != 0)
                .sorted(Comparator.comparing((Map.Entry<AccountId, Long> change) -> change.getKey().name()))
                .toList();
        boolean debits = walletChanges.stream().anyMatch(change -> change.getValue() < 0);
        return transactions.withHandle(handle -> {
            if (!debits) {
                return new LedgerBatch(handle, List.of(transaction)).post(this::post).get(0); // one statement
            }
            handle.savepoint(SAVEPOINT);
            Posting posting = write(handle, transaction, walletChanges);
            if (posting instanceof Posting.InsufficientFunds) {
                handle.rollbackToSavepoint(SAVEPOINT); // JDBI forgets the savepoint here: no release after it
            } else {
                handle.releaseSavepoint(SAVEPOINT);
            }
            return posting;
        });
    }

    /** See {@link LedgerBatch}: a few statements for the whole list; one transaction is {@link #post}. */
    @Override
    public List<Posting> postAll(List<LedgerTransaction> batch) {
        if (batch.size() == 1) {
            return List.of(post(batch.get(0)));
        }
        return transactions.withHandle(handle -> new LedgerBatch(handle, batch).post(this::post));
    }

    private static Posting write(Handle handle, LedgerTransaction transaction,
                                 List<Map.Entry<AccountId, Long>> walletChanges) {
        int inserted = handle.createUpdate("""
                        INSERT INTO ledger_transactions (key, type, description, posted_at)
                        VALUES (:key, :type, :description, :postedAt) ON CONFLICT (key) DO NOTHING""")
                .bind("key", transaction.key())
                .bind("type", transaction.type().name())
                .bind("description", transaction.description())
                .bind("postedAt", Sql.at(transaction.postedAt()))
                .execute();
        if (inserted == 0) {
            return new Posting.AlreadyPosted(transaction.key());
        }
        insertPostings(handle, transaction);
        Map<UserId, Wallet> moved = new HashMap<>();
        for (Map.Entry<AccountId, Long> change : walletChanges) {
            UserId user = change.getKey().walletOwner();
            Optional<Wallet> wallet = moveWallet(handle, transaction, user, change.getValue());
            if (wallet.isEmpty()) {
                long balance = handle.createQuery("SELECT balance FROM wallets WHERE user_id = :user")
                        .bind("user", user.value()).mapTo(Long.class).findOne().orElse(0L);
                return new Posting.InsufficientFunds(change.getKey(), balance, -change.getValue());
            }
            moved.put(user, wallet.get());
        }
        return new Posting.Posted(transaction, moved);
    }

    /** One statement for all postings, so the schema's balance-per-statement trigger sees them together. */
    private static void insertPostings(Handle handle, LedgerTransaction transaction) {
        List<Integer> legs = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        List<String> assets = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        for (Transfer transfer : transaction.transfers()) {
            for (AccountId account : List.of(transfer.from(), transfer.to())) {
                legs.add(legs.size() + 1);
                accounts.add(account.name());
                assets.add(account.asset());
                amounts.add(account.equals(transfer.from()) ? -transfer.amount() : transfer.amount());
            }
        }
        handle.createUpdate("""
                        INSERT INTO ledger_postings (tx_key, leg, account, asset, amount)
                        SELECT :key, leg, account, asset, amount
                        FROM unnest(:legs::int[], :accounts::text[], :assets::text[], :amounts::bigint[]) AS p (leg, account, asset, amount)""")
                .bind("key", transaction.key())
                .bind("legs", Sql.ints(legs))
                .bind("accounts", Sql.texts(accounts))
                .bind("assets", Sql.texts(assets))
                .bind("amounts", Sql.bigints(amounts))
                .execute();
    }

    /**
     * Moves the wallet and records the statement entry in one statement; the wallet as moved, or empty when
     * funds are short.
     */
    private static Optional<Wallet> moveWallet(Handle handle, LedgerTransaction transaction, UserId user, long delta) {
        boolean spend = transaction.type() == EntryType.SPEND;
        String move = delta > 0 ? CREDIT_WALLET : DEBIT_WALLET;
        return handle.createQuery("WITH moved AS (" + move + ")\n" + RECORD_ENTRY)
                .bind("user", user.value())
                .bind("delta", delta)
                .bind("earned", spend ? 0L : delta)
                .bind("spent", spend ? -delta : 0L)
                .bind("key", transaction.key())
                .bind("type", transaction.type().name())
                .bind("description", transaction.description())
                .bind("postedAt", Sql.at(transaction.postedAt()))
                .map((rs, context) -> new Wallet(user, rs.getLong("balance"), rs.getLong("earned"), rs.getLong("spent")))
                .findOne();
    }

    @Override
    public boolean isPosted(String key) {
        return reads.isPosted(key);
    }

    @Override
    public Wallet wallet(UserId user) {
        return reads.wallet(user);
    }

    @Override
    public Set<String> postedKeys(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return transactions.withHandle(handle -> new HashSet<>(handle
                .createQuery("SELECT key FROM ledger_transactions WHERE key = ANY(:keys)")
                .bind("keys", Sql.texts(keys)).mapTo(String.class).list()));
    }

    @Override
    public Map<UserId, Wallet> wallets(Collection<UserId> users) {
        return reads.wallets(users);
    }

    @Override
    public List<WalletEntry> entries(UserId user, Optional<Long> before, int limit) {
        return reads.entries(user, before, limit);
    }

    @Override
    public Map<String, Long> totalsByAsset() {
        return reads.totalsByAsset();
    }

    @Override
    public long balance(AccountId account) {
        return reads.balance(account);
    }

    @Override
    public List<WalletDrift> walletsOutOfBalance() {
        return reads.walletsOutOfBalance();
    }
}
