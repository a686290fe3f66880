package dev.payledger.jdbc;

import dev.payledger.core.Persistence;
import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.jdbc.contract.EventInboxContract;
import dev.payledger.jdbc.contract.FeatureGrantsContract;
import dev.payledger.jdbc.contract.IdempotencyKeysContract;
import dev.payledger.jdbc.contract.LedgerContract;
import dev.payledger.jdbc.contract.OrdersContract;
import dev.payledger.jdbc.contract.OutboxContract;
import dev.payledger.jdbc.contract.PaymentsContract;
import dev.payledger.jdbc.contract.RefundsContract;
import dev.payledger.jdbc.contract.UnitOfWorkContract;
import org.junit.jupiter.api.Nested;

/** Every port contract on core's in-memory adapters: what the JDBI adapters must match. */
class InMemoryContractsTest {
    @Nested
    class UnitOfWork extends UnitOfWorkContract {
        @Override
        protected Persistence emptyPersistence() {
            return InMemoryPersistence.create();
        }
    }

    @Nested
    class Orders extends OrdersContract {
        @Override
        protected Persistence emptyPersistence() {
            return InMemoryPersistence.create();
        }
    }

    @Nested
    class Payments extends PaymentsContract {
        @Override
        protected Persistence emptyPersistence() {
            return InMemoryPersistence.create();
        }
    }

    @Nested
    class Refunds extends RefundsContract {
        @Override
        protected Persistence emptyPersistence() {
            return InMemoryPersistence.create();
        }
    }

    @Nested
    class Ledger extends LedgerContract {
        @Override
        protected Persistence emptyPersistence() {
            return InMemoryPersistence.create();
        }
    }

    @Nested
    class FeatureGrants extends FeatureGrantsContract {
        @Override
        protected Persistence emptyPersistence() {
            return InMemoryPersistence.create();
        }
    }

    @Nested
    class IdempotencyKeys extends IdempotencyKeysContract {
        @Override
        protected Persistence emptyPersistence() {
            return InMemoryPersistence.create();
        }
    }

    @Nested
    class EventInbox extends EventInboxContract {
        @Override
        protected Persistence emptyPersistence() {
            return InMemoryPersistence.create();
        }
    }

    @Nested
    class Outbox extends OutboxContract {
        @Override
        protected Persistence emptyPersistence() {
            return InMemoryPersistence.create();
        }
    }
}
