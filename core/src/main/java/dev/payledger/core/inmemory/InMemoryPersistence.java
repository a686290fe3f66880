package dev.payledger.core.inmemory;

import dev.payledger.core.Persistence;

/**
 * Every persistence port in memory, for tests and for prototyping without a database. Enforces the same
 * uniqueness and compare-and-set contracts as the PostgreSQL adapters (a shared contract test suite
 * checks both); transactions are serial and roll back on exceptions. Nothing survives the JVM.
 */
public final class InMemoryPersistence {
    private InMemoryPersistence() {
    }

    public static Persistence create() {
        InMemoryTransactions transactions = new InMemoryTransactions();
        InMemoryOrders orders = new InMemoryOrders(transactions);
        InMemoryOutbox outbox = new InMemoryOutbox(transactions);
        return new Persistence(transactions, orders, new InMemoryPayments(transactions, orders, outbox),
                new InMemoryRefunds(transactions), new InMemoryLedger(transactions),
                new InMemoryFeatureGrants(transactions), new InMemoryIdempotencyKeys(transactions),
                new InMemoryEventInbox(transactions), outbox);
    }
}
