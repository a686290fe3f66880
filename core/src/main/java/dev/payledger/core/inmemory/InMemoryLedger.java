package dev.payledger.core.inmemory;

import dev.payledger.core.common.UserId;
import dev.payledger.core.ledger.AccountId;
import dev.payledger.core.ledger.EntryType;
import dev.payledger.core.ledger.Ledger;
import dev.payledger.core.ledger.LedgerTransaction;
import dev.payledger.core.ledger.Posting;
import dev.payledger.core.ledger.Wallet;
import dev.payledger.core.ledger.WalletEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The ledger in memory: transactions by key, balances per account, wallets and their entries. */
final class InMemoryLedger implements Ledger {
    private final InMemoryTransactions transactions;
    private final Table<String, LedgerTransaction> posted;
    private final Table<AccountId, Long> balances;
    private final Table<UserId, Wallet> wallets;
    private final Table<UserId, List<WalletEntry>> entries;

    InMemoryLedger(InMemoryTransactions transactions) {
        this.transactions = transactions;
        this.posted = new Table<>(transactions);
        this.balances = new Table<>(transactions);
        this.wallets = new Table<>(transactions);
        this.entries = new Table<>(transactions);
    }

    @Override
    public Posting post(LedgerTransaction transaction) {
        return transactions.inTransaction(() -> {
            if (posted.get(transaction.key()).isPresent()) {
                return new Posting.AlreadyPosted(transaction.key());
            }
            Map<AccountId, Long> changes = transaction.changes();
            for (Map.Entry<AccountId, Long> change : changes.entrySet()) {
                long balance = balance(change.getKey());
                if (change.getKey().isWallet() && balance + change.getValue() < 0) {
                    return new Posting.InsufficientFunds(change.getKey(), balance, -change.getValue());
                }
            }
            posted.put(transaction.key(), transaction);
            Map<UserId, Wallet> moved = new HashMap<>();
            changes.forEach((account, delta) -> {
                long after = Math.addExact(balance(account), delta);
                balances.put(account, after);
                if (account.isWallet() && delta != 0) {
                    moved.put(account.walletOwner(), record(account.walletOwner(), transaction, delta, after));
                }
            });
            return new Posting.Posted(transaction, moved);
        });
    }

    /** Moves the wallet, adds its statement entry, and answers the wallet as it is now. */
    private Wallet record(UserId user, LedgerTransaction transaction, long delta, long after) {
        Wallet wallet = wallet(user);
        boolean spend = transaction.type() == EntryType.SPEND;
        Wallet moved = new Wallet(user, after,
                spend ? wallet.earned() : Math.addExact(wallet.earned(), delta),
                spend ? Math.subtractExact(wallet.spent(), delta) : wallet.spent());
        wallets.put(user, moved);
        List<WalletEntry> list = new ArrayList<>(entries.get(user).orElse(List.of()));
        list.add(new WalletEntry(list.size() + 1L, user, transaction.key(), transaction.type(), delta, after,
                transaction.description(), transaction.postedAt()));
        entries.put(user, List.copyOf(list));
        return moved;
    }

    @Override
    public boolean isPosted(String key) {
        return posted.get(key).isPresent();
    }

    @Override
    public Wallet wallet(UserId user) {
        return wallets.get(user).orElse(Wallet.empty(user));
    }

    @Override
    public List<WalletEntry> entries(UserId user, Optional<Long> before, int limit) {
        return entries.get(user).orElse(List.of()).stream()
                .filter(entry -> before.map(b -> entry.sequence() < b).orElse(true))
                .sorted(Comparator.comparingLong(WalletEntry::sequence).reversed())
                .limit(limit).toList();
    }

    @Override
    public Map<String, Long> totalsByAsset() {
        return transactions.inTransaction(() -> {
            Map<String, Long> totals = new TreeMap<>();
            for (LedgerTransaction transaction : posted.values()) {
                transaction.changes().forEach((account, delta) -> totals.merge(account.asset(), delta, Math::addExact));
            }
            return totals;
        });
    }

    @Override
    public long balance(AccountId account) {
        return balances.get(account).orElse(0L);
    }

    @Override
    public List<WalletDrift> walletsOutOfBalance() {
        return transactions.inTransaction(() -> {
            List<WalletDrift> drifts = new ArrayList<>();
            for (Wallet wallet : wallets.values()) {
                long sum = 0;
                long spent = 0;
                for (WalletEntry entry : entries.get(wallet.user()).orElse(List.of())) {
                    sum += entry.amount();
                    spent -= entry.type() == EntryType.SPEND ? entry.amount() : 0;
                }
                if (sum != wallet.balance() || spent != wallet.spent() || wallet.earned() - wallet.spent() != sum) {
                    drifts.add(new WalletDrift(wallet.user(), wallet.balance(), sum));
                }
            }
            return drifts;
        });
    }
}
