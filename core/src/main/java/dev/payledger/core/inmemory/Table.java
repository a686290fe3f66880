package dev.payledger.core.inmemory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** A map whose writes are undone when the surrounding in-memory transaction rolls back. */
final class Table<K, V> {
    private final InMemoryTransactions transactions;
    private final Map<K, V> rows = new LinkedHashMap<>();

    Table(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    <T> T read(Supplier<T> query) {
        return transactions.inTransaction(query);
    }

    Optional<V> get(K key) {
        return read(() -> Optional.ofNullable(rows.get(key)));
    }

    Collection<V> values() {
        return read(() -> java.util.List.copyOf(rows.values()));
    }

    /** Puts the row, inside the current transaction. */
    void put(K key, V value) {
        transactions.run(() -> {
            boolean existed = rows.containsKey(key);
            V previous = rows.put(key, value);
            transactions.onRollback(() -> {
                if (existed) {
                    rows.put(key, previous);
                } else {
                    rows.remove(key);
                }
            });
        });
    }

    /** Puts the row only if the key is absent; true if it did. */
    boolean insert(K key, V value) {
        return transactions.inTransaction(() -> {
            if (rows.containsKey(key)) {
                return false;
            }
            put(key, value);
            return true;
        });
    }

    void remove(K key) {
        transactions.run(() -> {
            if (rows.containsKey(key)) {
                V previous = rows.remove(key);
                transactions.onRollback(() -> rows.put(key, previous));
            }
        });
    }
}
