package dev.payledger.core;

import dev.payledger.core.common.UnitOfWork;
import dev.payledger.core.feature.FeatureGrants;
import dev.payledger.core.idempotency.IdempotencyKeys;
import dev.payledger.core.inbox.EventInbox;
import dev.payledger.core.ledger.Ledger;
import dev.payledger.core.order.Orders;
import dev.payledger.core.outbox.Outbox;
import dev.payledger.core.payment.Payments;
import dev.payledger.core.payment.Refunds;

import java.util.Objects;

/**
 * Every persistence port, from one store: the in-memory one ({@code InMemoryPersistence}) or PostgreSQL
 * ({@code JdbcPersistence} in payledger-jdbc). All ports join the transaction of {@link #unitOfWork()}.
 */
public record Persistence(UnitOfWork unitOfWork, Orders orders, Payments payments, Refunds refunds, Ledger ledger,
                          FeatureGrants featureGrants, IdempotencyKeys idempotencyKeys, EventInbox inbox,
                          Outbox outbox) {
    public Persistence {
        Objects.requireNonNull(unitOfWork, "unitOfWork");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(payments, "payments");
        Objects.requireNonNull(refunds, "refunds");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(featureGrants, "featureGrants");
        Objects.requireNonNull(idempotencyKeys, "idempotencyKeys");
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(outbox, "outbox");
    }
}
