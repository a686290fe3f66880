package dev.payledger.jdbc;

import dev.payledger.core.common.UserId;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.LedgerTransaction;
import dev.payledger.core.ledger.Posting;
import dev.payledger.core.ledger.Transfer;
import dev.payledger.core.ledger.Wallet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
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
 * {@link JdbiLedger#postAll} for a whole list in one statement, whatever its length, when it only credits
 * wallets (settlements, grants): the transaction keys inserted ({@code ON CONFLICT DO NOTHING}), their postings
 * inserted (the balance trigger sees them all) and each wallet moved once by the sum of its changes, its
 * statement entries numbered and given their running balances, all as one statement with data-modifying
 * {@code WITH} clauses, so a batch pays one round trip for its ledger. The postings and wallet moves in that
 * statement run only if every key was new; when some were posted before, it inserts the new keys alone and a
 * second statement posts and moves exactly those. A list that debits a wallet takes three statements: the
 * debited wallets are locked and read ({@code FOR UPDATE}, in user order), the keys inserted, and, once
 * affordability has been decided in order against the locked balances (so the outcome is the one-by-one
 * outcome), the postings and wallet moves in one statement; in the rare case that a debit cannot be afforded the
 * work is rolled back to a savepoint and the list posted one by one instead, which reports it exactly.
 * Credit-only lists need no lock and no savepoint. Not thread-safe; one per call.
 */
final class LedgerBatch {
    private static final String SAVEPOINT = "ledger_post_all";

    /** The transaction keys; {@code ON CONFLICT DO NOTHING} decides which post, and the new ones are answered. */
    private static final String INSERT_KEYS = """
            INSERT INTO ledger_transactions (key, type, description, posted_at)
            SELECT key, type, description, posted_at::timestamptz
            FROM unnest(:keys::text[], :types::text[], :descriptions::text[], :postedAt::text[])
                AS t (key, type, description, posted_at)
            ON CONFLICT (key) DO NOTHING
            RETURNING key""";

    /**
     * The postings and the wallet moves with their statement entries, as {@code WITH} clauses; {@code %1$s} is
     * the condition they run under (see {@link #postAndMove}).
     */
    private static final String POSTINGS_AND_WALLETS = """
            postings AS (
                INSERT INTO ledger_postings (tx_key, leg, account, asset, amount)
                SELECT * FROM unnest(:postingKeys::text[], :legs::int[], :accounts::text[], :assets::text[],
                    :amounts::bigint[]) AS p (tx_key, leg, account, asset, amount)
                WHERE %1$s),
            input AS (
                SELECT * FROM unnest(:users::text[], :deltas::bigint[], :earned::bigint[], :spent::bigint[],
                    :counts::bigint[]) AS w (user_id, delta, earned, spent, count)
                WHERE %1$s),
            updated AS (
                UPDATE wallets SET balance = wallets.balance + i.delta, earned = wallets.earned + i.earned,
                    spent = wallets.spent + i.spent, last_sequence = wallets.last_sequence + i.count
                FROM input i WHERE wallets.user_id = i.user_id
                RETURNING wallets.user_id, wallets.balance, wallets.earned, wallets.spent, wallets.last_sequence),
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
                INSERT INTO wallet_entries (user_id, sequence, tx_key, type, amount, balance_after, description,
                    posted_at)
                SELECT e.user_id, m.last_sequence - e.count + e.ordinal, e.tx_key, e.type, e.amount,
                    m.balance - e.later, e.description, e.posted_at::timestamptz
                FROM unnest(:entryUsers::text[], :ordinals::bigint[], :entryCounts::bigint[], :entryKeys::text[],
                        :entryTypes::text[], :entryAmounts::bigint[], :later::bigint[], :entryDescriptions::text[],
                        :entryPostedAt::text[])
                    AS e (user_id, ordinal, count, tx_key, type, amount, later, description, posted_at)
                JOIN moved m ON m.user_id = e.user_id)
            """;
    /** The answer's rows for the moved wallets. */
    private static final String MOVED = "SELECT false AS is_key, user_id AS id, balance, earned, spent FROM moved";
    /** Postings and wallet moves for transactions whose keys are already inserted. */
    private static final String POST = "WITH " + POSTINGS_AND_WALLETS.formatted("true") + MOVED;
    /** The keys, then (only if every key was new) the postings and wallet moves; answers the inserted keys too. */
    private static final String POST_NEW_KEYS = "WITH tx AS (" + INSERT_KEYS + "),\n"
            + "all_new AS (SELECT count(*) = :keyCount AS yes FROM tx),\n"
            + POSTINGS_AND_WALLETS.formatted("(SELECT yes FROM all_new)") + MOVED
            + "\nUNION ALL SELECT true, key, 0, 0, 0 FROM tx";

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

    /** Credits only: one statement posts the whole list when every key is new (the usual case). */
    private List<Posting> write(Map<String, LedgerTransaction> candidates) {
        Written written = postAndMove(List.copyOf(candidates.values()), true);
        if (written.posted().size() == candidates.size()) {
            return answer(written.posted(), written.moved());
        }
        // Some keys were posted before: the statement inserted the new keys alone; post and move exactly those.
        return finish(candidates, written.posted());
    }

    private List<Posting> finish(Map<String, LedgerTransaction> candidates, Set<String> posted) {
        List<LedgerTransaction> toPost = candidates.values().stream().filter(t -> posted.contains(t.key())).toList();
        Map<String, Map<UserId, Wallet>> moved = toPost.isEmpty() ? Map.of() : postAndMove(toPost, false).moved();
        return answer(posted, moved);
    }

    /** Each transaction of the list as posted (the first time its key appears) or already posted. */
    private List<Posting> answer(Set<String> posted, Map<String, Map<UserId, Wallet>> moved) {
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

    private Set<String> insertTransactions(Collection<LedgerTransaction> candidates) {
        Query statement = handle.createQuery(INSERT_KEYS);
        bindKeys(statement, candidates);
        return new HashSet<>(statement.mapTo(String.class).list());
    }

    /** The keys a statement inserted, and each wallet as each of its transactions left it, by transaction key. */
    private record Written(Set<String> posted, Map<String, Map<UserId, Wallet>> moved) {
    }

    /** A row of the statement's answer: an inserted transaction key, or a wallet as moved. */
    private record Row(boolean isKey, String id, long balance, long earned, long spent) {
    }

    /**
     * Inserts the postings of {@code toPost} and moves each wallet once by the sum of its changes (an UPDATE for
     * the wallets that exist, an INSERT for new ones, whose sum cannot be negative; an upsert alone would not do,
     * as PostgreSQL checks the proposed row's CHECK constraints before it finds the conflict), recording the
     * statement entries: entry {@code i} of {@code n} of a wallet gets sequence {@code last_sequence - n + i} and
     * balance {@code balance - (the changes after it)}. With {@code insertKeys} the same statement first inserts
     * the transaction keys ({@code ON CONFLICT DO NOTHING}) and does the rest only if all of them were new; the
     * keys it inserted are answered either way. One statement, one round trip.
     */
    private Written postAndMove(List<LedgerTransaction> toPost, boolean insertKeys) {
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
        entries.finish(totals);
        Set<String> posted = new HashSet<>();
        Map<String, Wallet> wallets = new HashMap<>();
        Query statement = handle.createQuery(insertKeys ? POST_NEW_KEYS : POST);
        if (insertKeys) {
            bindKeys(statement, toPost);
            statement.bind("keyCount", toPost.size());
        }
        bindPostings(statement, toPost);
        statement.bind("users", Sql.texts(totals.keySet()))
                .bind("deltas", Sql.bigints(column(totals, 0)))
                .bind("earned", Sql.bigints(column(totals, 1)))
                .bind("spent", Sql.bigints(column(totals, 2)))
                .bind("counts", Sql.bigints(column(totals, 3)))
                .bind("entryUsers", Sql.texts(entries.users))
                .bind("ordinals", Sql.bigints(entries.ordinals))
                .bind("entryCounts", Sql.bigints(entries.counts))
                .bind("entryKeys", Sql.texts(entries.keys))
                .bind("entryTypes", Sql.texts(entries.types))
                .bind("entryAmounts", Sql.bigints(entries.amounts))
                .bind("later", Sql.bigints(entries.later))
                .bind("entryDescriptions", Sql.texts(entries.descriptions))
                .bind("entryPostedAt", Sql.texts(entries.postedAt))
                .map((rs, context) -> new Row(rs.getBoolean("is_key"), rs.getString("id"), rs.getLong("balance"),
                        rs.getLong("earned"), rs.getLong("spent")))
                .forEach(row -> {
                    if (row.isKey()) {
                        posted.add(row.id());
                    } else {
                        wallets.put(row.id(), new Wallet(UserId.of(row.id()), row.balance(), row.earned(), row.spent()));
                    }
                });
        if (!insertKeys) {
            toPost.forEach(transaction -> posted.add(transaction.key()));
        }
        boolean moved = !insertKeys || posted.size() == toPost.size();
        return new Written(posted, moved ? entries.walletsAfter(wallets) : Map.of());
    }

    private static void bindKeys(Query statement, Collection<LedgerTransaction> toPost) {
        List<String> keys = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        List<String> postedAt = new ArrayList<>();
        for (LedgerTransaction transaction : toPost) {
            keys.add(transaction.key());
            types.add(transaction.type().name());
            descriptions.add(transaction.description());
            postedAt.add(transaction.postedAt().truncatedTo(ChronoUnit.MICROS).toString());
        }
        statement.bind("keys", Sql.texts(keys))
                .bind("types", Sql.texts(types))
                .bind("descriptions", Sql.texts(descriptions))
                .bind("postedAt", Sql.texts(postedAt));
    }

    private static void bindPostings(Query statement, List<LedgerTransaction> toPost) {
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
        statement.bind("postingKeys", Sql.texts(keys))
                .bind("legs", Sql.ints(legs))
                .bind("accounts", Sql.texts(accounts))
                .bind("assets", Sql.texts(assets))
                .bind("amounts", Sql.bigints(amounts));
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
