package dev.payledger.jdbc;

import dev.payledger.core.Persistence;
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

/** Every port contract on the JDBI adapters over the shared test PostgreSQL, emptied before each test. */
class JdbiContractsTest {
    @Nested
    class UnitOfWork extends UnitOfWorkContract {
        @Override
        protected Persistence emptyPersistence() {
            return TestDatabase.cleanPersistence();
        }
    }

    @Nested
    class Orders extends OrdersContract {
        @Override
        protected Persistence emptyPersistence() {
            return TestDatabase.cleanPersistence();
        }
    }

    @Nested
    class Payments extends PaymentsContract {
        @Override
        protected Persistence emptyPersistence() {
            return TestDatabase.cleanPersistence();
        }
    }

    @Nested
    class Refunds extends RefundsContract {
        @Override
        protected Persistence emptyPersistence() {
            return TestDatabase.cleanPersistence();
        }
    }

    @Nested
    class Ledger extends LedgerContract {
        @Override
        protected Persistence emptyPersistence() {
            return TestDatabase.cleanPersistence();
        }
    }

    @Nested
    class FeatureGrants extends FeatureGrantsContract {
        @Override
        protected Persistence emptyPersistence() {
            return TestDatabase.cleanPersistence();
        }
    }

    @Nested
    class IdempotencyKeys extends IdempotencyKeysContract {
        @Override
        protected Persistence emptyPersistence() {
            return TestDatabase.cleanPersistence();
        }
    }

    @Nested
    class EventInbox extends EventInboxContract {
        @Override
        protected Persistence emptyPersistence() {
            return TestDatabase.cleanPersistence();
        }
    }

    @Nested
    class Outbox extends OutboxContract {
        @Override
        protected Persistence emptyPersistence() {
            return TestDatabase.cleanPersistence();
        }
    }
}
