package dev.payledger.jdbc;

import dev.payledger.core.common.UserId;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.LedgerTransaction;
import dev.payledger.core.ledger.Posting;
import dev.payledger.core.ledger.Transfer;
import dev.payledger.core.ledger.Wallet;
import org.jdbi.v3.core.Handle;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@link JdbiLedger#postAll} for a whole list in four statements, whatever its length: the debited wallets
 * are locked and read ({@code FOR UPDATE}, in user order), the transaction keys inserted ({@code ON CONFLICT
 * DO NOTHING} decides which post), their postings inserted in one statement (the balance trigger sees them
 * all), and each wallet moved once by the sum of its changes, its statement entries numbered and given their
 * running balances in the same statement. Affordability is decided in order against the locked balances, so
 * the outcome is the one-by-one outcome; in the rare case that a debit cannot be afforded the work is rolled
 * back to a savepoint and the list posted one by one instead, which reports it exactly. Credit-only lists
 * (settlements) need no lock and no savepoint. Not thread-safe; one per call.
 */
final class LedgerBatch {
    private static final String SAVEPOINT = "ledger_post_all";

    private final Handle handle;
    private final List<LedgerTransaction> transactions;

    LedgerBatch(Handle handle, List<LedgerTransaction> transactions) {
        this.handle = handle;
        this.transactions = transactions;
    }

    List<Posting> post(Function<LedgerTransaction, Posting> oneByOne) {
        Map<String, LedgerTransaction> candidates = new LinkedHashMap<>();
        transactions.forEach(transaction -> candidates.putIfAbsent(transaction.key(), transaction));
        Set<String> debited = new TreeSet<>();
        candidates.values().forEach(transaction -> transaction.changes().forEach((account, change) -> {
            if (account.isWallet() && change < 0) {
                debited.add(account.walletOwner().value());
            }
        }));
        if (debited.isEmpty()) {
            return write(candidates);
        }
        handle.savepoint(SAVEPOINT);
        Map<String, Long> balances = lock(debited);
        Set<String> posted = insertTransactions(candidates.values());
        if (!affordable(candidates.values(), posted, balances)) {
            handle.rollbackToSavepoint(SAVEPOINT); // JDBI forgets the savepoint here: no release after it
            return transactions.stream().map(oneByOne).toList();
        }
        List<Posting> postings = finish(candidates, posted);
        handle.releaseSavepoint(SAVEPOINT);
        return postings;
    }

    private List<Posting> write(Map<String, LedgerTransaction> candidates) {
        return finish(candidates, insertTransactions(candidates.values()));
    }

    private List<Posting> finish(Map<String, LedgerTransaction> candidates, Set<String> posted) {
        List<LedgerTransaction> toPost = candidates.values().stream().filter(t -> posted.contains(t.key())).toList();
        Map<String, Map<UserId, Wallet>> moved = Map.of();
        if (!toPost.isEmpty()) {
            insertPostings(toPost);
            moved = moveWallets(toPost);
        }
        Set<String> answered = new HashSet<>();
        List<Posting> postings = new ArrayList<>(transactions.size());
        for (LedgerTransaction transaction : transactions) {
            boolean first = answered.add(transaction.key());
            postings.add(first && posted.contains(transaction.key())
                    ? new Posting.Posted(transaction, moved.getOrDefault(transaction.key(), Map.of()))
                    : new Posting.AlreadyPosted(transaction.key()));
        }
        return postings;
    }

    private Map<String, Long> lock(Set<String> users) {
        Map<String, Long> balances = new HashMap<>();
        users.forEach(user -> balances.put(user, 0L));
        handle.createQuery("SELECT user_id, balance FROM wallets WHERE user_id = ANY(:users) ORDER BY user_id FOR UPDATE")
                .bind("users", Sql.texts(users))
                .map((rs, context) -> Map.entry(rs.getString("user_id"), rs.getLong("balance")))
                .forEach(entry -> balances.put(entry.getKey(), entry.getValue()));
        return balances;
    }

    /** Whether every posted debit fits the balance the earlier ones left; credits to locked wallets count too. */
    private static boolean affordable(Iterable<LedgerTransaction> candidates, Set<String> posted,
                                      Map<String, Long> balances) {
        for (LedgerTransaction transaction : candidates) {
            if (!posted.contains(transaction.key())) {
                continue;
            }
            for (Map.Entry<AccountId, Long> change : transaction.changes().entrySet()) {
                if (!change.getKey().isWallet()) {
                    continue;
                }
                String user = change.getKey().walletOwner().value();
                Long balance = balances.get(user);
                if (balance != null) {
                    long after = balance + change.getValue();
                    if (after < 0) {
                        return false;
                    }
                    balances.put(user, after);
                }
            }
        }
        return true;
    }

    private Set<String> insertTransactions(Iterable<LedgerTransaction> candidates) {
        List<String> keys = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        List<String> postedAt = new ArrayList<>();
        for (LedgerTransaction transaction : candidates) {
            keys.add(transaction.key());
            types.add(transaction.type().name());
            descriptions.add(transaction.description());
            postedAt.add(transaction.postedAt().truncatedTo(ChronoUnit.MICROS).toString());
        }
        return new HashSet<>(handle.createQuery("""
                        INSERT INTO ledger_transactions (key, type, description, posted_at)
                        SELECT key, type, description, posted_at::timestamptz
                        FROM unnest(:keys::text[], :types::text[], :descriptions::text[], :postedAt::text[])
                            AS t (key, type, description, posted_at)
                        ON CONFLICT (key) DO NOTHING
                        RETURNING key""")
                .bind("keys", Sql.texts(keys))
                .bind("types", Sql.texts(types))
                .bind("descriptions", Sql.texts(descriptions))
                .bind("postedAt", Sql.texts(postedAt))
                .mapTo(String.class)
                .list());
    }

    private void insertPostings(List<LedgerTransaction> toPost) {
        List<String> keys = new ArrayList<>();
        List<Integer> legs = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        List<String> assets = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        for (LedgerTransaction transaction : toPost) {
            int leg = 0;
            for (Transfer transfer : transaction.transfers()) {
                for (AccountId account : List.of(transfer.from(), transfer.to())) {
                    keys.add(transaction.key());
                    legs.add(++leg);
                    accounts.add(account.name());
                    assets.add(account.asset());
                    amounts.add(account.equals(transfer.from()) ? -transfer.amount() : transfer.amount());
                }
            }
        }
        handle.createUpdate("""
                        INSERT INTO ledger_postings (tx_key, leg, account, asset, amount)
                        SELECT * FROM unnest(:keys::text[], :legs::int[], :accounts::text[], :assets::text[],
                            :amounts::bigint[])""")
                .bind("keys", Sql.texts(keys))
                .bind("legs", Sql.ints(legs))
                .bind("accounts", Sql.texts(accounts))
                .bind("assets", Sql.texts(assets))
                .bind("amounts", Sql.bigints(amounts))
                .execute();
    }

    /**
     * Each wallet moves once by the sum of its changes: an UPDATE for the wallets that exist, an INSERT for new
     * ones (whose sum cannot be negative; an upsert alone would not do, as PostgreSQL checks the proposed row's
     * CHECK constraints before it finds the conflict). Entry
     * {@code i} of {@code n} of a wallet gets sequence {@code last_sequence - n + i} and balance
     * {@code balance - (the changes after it)}. Answers, by transaction key, each wallet as that transaction
     * left it (the final wallets the statement returns, less the later changes).
     */
    private Map<String, Map<UserId, Wallet>> moveWallets(List<LedgerTransaction> toPost) {
        Map<String, long[]> totals = new TreeMap<>(); // user -> delta, earned, spent, count
        WalletEntries entries = new WalletEntries();
        for (LedgerTransaction transaction : toPost) {
            boolean spend = transaction.type() == EntryType.SPEND;
            transaction.changes().entrySet().stream()
                    .filter(change -> change.getKey().isWallet() && change.getValue() != 0)
                    .sorted(Map.Entry.comparingByKey((a, b) -> a.name().compareTo(b.name())))
                    .forEach(change -> {
                        String user = change.getKey().walletOwner().value();
                        long delta = change.getValue();
                        long[] total = totals.computeIfAbsent(user, u -> new long[4]);
                        total[0] += delta;
                        total[1] += spend ? 0 : delta;
                        total[2] += spend ? -delta : 0;
                        total[3]++;
                        entries.add(user, (int) total[3], transaction, delta);
                    });
        }
        if (totals.isEmpty()) {
            return Map.of();
        }
        entries.finish(totals);
        Map<String, Wallet> wallets = new HashMap<>();
        handle.createQuery("""
                        WITH input AS (
                            SELECT * FROM unnest(:users::text[], :deltas::bigint[], :earned::bigint[], :spent::bigint[],
                                :counts::bigint[]) AS w (user_id, delta, earned, spent, count)),
                        updated AS (
                            UPDATE wallets SET balance = wallets.balance + i.delta, earned = wallets.earned + i.earned,
                                spent = wallets.spent + i.spent, last_sequence = wallets.last_sequence + i.count
                            FROM input i WHERE wallets.user_id = i.user_id
                            RETURNING wallets.user_id, wallets.balance, wallets.earned, wallets.spent,
                                wallets.last_sequence),
                        inserted AS (
                            INSERT INTO wallets (user_id, balance, earned, spent, last_sequence)
                            SELECT user_id, delta, earned, spent, count FROM input i
                            WHERE NOT EXISTS (SELECT 1 FROM updated u WHERE u.user_id = i.user_id) ORDER BY 1
                            ON CONFLICT (user_id) DO UPDATE SET balance = wallets.balance + excluded.balance,
                                earned = wallets.earned + excluded.earned, spent = wallets.spent + excluded.spent,
                                last_sequence = wallets.last_sequence + excluded.last_sequence
                            RETURNING user_id, balance, earned, spent, last_sequence),
                        moved AS (SELECT * FROM updated UNION ALL SELECT * FROM inserted),
                        recorded AS (
                            INSERT INTO wallet_entries (user_id, sequence, tx_key, type, amount, balance_after,
                                description, posted_at)
                            SELECT e.user_id, m.last_sequence - e.count + e.ordinal, e.tx_key, e.type, e.amount,
                                m.balance - e.later, e.description, e.posted_at::timestamptz
                            FROM unnest(:entryUsers::text[], :ordinals::bigint[], :entryCounts::bigint[], :keys::text[],
                                    :types::text[], :amounts::bigint[], :later::bigint[], :descriptions::text[],
                                    :postedAt::text[])
                                AS e (user_id, ordinal, count, tx_key, type, amount, later, description, posted_at)
                            JOIN moved m ON m.user_id = e.user_id)
                        SELECT user_id, balance, earned, spent FROM moved""")
                .bind("users", Sql.texts(totals.keySet()))
                .bind("deltas", Sql.bigints(column(totals, 0)))
                .bind("earned", Sql.bigints(column(totals, 1)))
                .bind("spent", Sql.bigints(column(totals, 2)))
                .bind("counts", Sql.bigints(column(totals, 3)))
                .bind("entryUsers", Sql.texts(entries.users))
                .bind("ordinals", Sql.bigints(entries.ordinals))
                .bind("entryCounts", Sql.bigints(entries.counts))
                .bind("keys", Sql.texts(entries.keys))
                .bind("types", Sql.texts(entries.types))
                .bind("amounts", Sql.bigints(entries.amounts))
                .bind("later", Sql.bigints(entries.later))
                .bind("descriptions", Sql.texts(entries.descriptions))
                .bind("postedAt", Sql.texts(entries.postedAt))
                .map((rs, context) -> new Wallet(UserId.of(rs.getString("user_id")), rs.getLong("balance"),
                        rs.getLong("earned"), rs.getLong("spent")))
                .forEach(wallet -> wallets.put(wallet.user().value(), wallet));
        return entries.walletsAfter(wallets);
    }

    private static List<Long> column(Map<String, long[]> totals, int index) {
        return totals.values().stream().map(total -> total[index]).toList();
    }

    /** The statement entries of a batch as columns, with each entry's later changes of its wallet. */
    private static final class WalletEntries {
        final List<String> users = new ArrayList<>();
        final List<Long> ordinals = new ArrayList<>();
        final List<Long> counts = new ArrayList<>();
        final List<String> keys = new ArrayList<>();
        final List<String> types = new ArrayList<>();
        final List<Long> amounts = new ArrayList<>();
        final List<Long> later = new ArrayList<>();
        final List<String> descriptions = new ArrayList<>();
        final List<String> postedAt = new ArrayList<>();
        final List<Boolean> spends = new ArrayList<>();

        void add(String user, int ordinal, LedgerTransaction transaction, long amount) {
            users.add(user);
            ordinals.add((long) ordinal);
            keys.add(transaction.key());
            types.add(transaction.type().name());
            amounts.add(amount);
            descriptions.add(transaction.description());
            postedAt.add(transaction.postedAt().truncatedTo(ChronoUnit.MICROS).toString());
            spends.add(transaction.type() == EntryType.SPEND);
        }

        /**
         * Each entry's wallet right after it, by transaction key, from the wallets after the whole batch: walked
         * back from the last entry, undoing each change (a spend moved {@code spent}, anything else {@code earned}).
         */
        Map<String, Map<UserId, Wallet>> walletsAfter(Map<String, Wallet> finalWallets) {
            Map<String, Wallet> running = new HashMap<>(finalWallets);
            Map<String, Map<UserId, Wallet>> byTransaction = new HashMap<>();
            for (int i = users.size() - 1; i >= 0; i--) {
                Wallet after = running.get(users.get(i));
                byTransaction.computeIfAbsent(keys.get(i), key -> new HashMap<>()).put(after.user(), after);
                long amount = amounts.get(i);
                running.put(users.get(i), spends.get(i)
                        ? new Wallet(after.user(), after.balance() - amount, after.earned(), after.spent() + amount)
                        : new Wallet(after.user(), after.balance() - amount, after.earned() - amount, after.spent()));
            }
            return byTransaction;
        }

        /** Fills in each entry's wallet count and the sum of the wallet's changes after it. */
        void finish(Map<String, long[]> totals) {
            Map<String, Long> seen = new HashMap<>();
            for (int i = 0; i < users.size(); i++) {
                String user = users.get(i);
                long upToHere = seen.merge(user, amounts.get(i), Long::sum);
                counts.add(totals.get(user)[3]);
                later.add(totals.get(user)[0] - upToHere);
            }
        }
    }
}
