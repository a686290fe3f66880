package dev.payledger.jdbc;

import dev.payledger.core.common.UserId;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.Order;
import dev.payledger.core.order.OrderId;
import dev.payledger.core.outbox.OutboxEvent;
import dev.payledger.core.payment.Payment;
import dev.payledger.core.payment.PaymentId;
import dev.payledger.core.payment.PaymentStatus;
import dev.payledger.core.payment.Payments;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Payment attempts in {@code payments}. {@code (provider, provider_ref)} is unique in the schema; updates
 * are compare-and-set on {@code version}. Thread-safe.
 */
final class JdbiPayments implements Payments {
    private static final String COLUMNS = columns("");
    private static final String SELECT = "SELECT " + COLUMNS + " FROM payments ";
    /** {@link #findByProviderRefsWithOrders}: each payment's row once per line of its order, in payment then line order. */
    private static final String WITH_ORDERS = "SELECT " + columns("p.") + ", " + JdbiOrders.ORDER_COLUMNS + """

            FROM payments p LEFT JOIN orders o ON o.id = p.order_id LEFT JOIN order_lines l ON l.order_id = o.id
            WHERE p.provider = :provider AND p.provider_ref = ANY(:refs)
            ORDER BY p.id, l.line_no""";
    /**
     * Compare-and-set on every payment of {@code :ids} (bound by {@link #bindUpdateAll}); a statement of its own
     * ({@link #updateAll}) or a clause of {@link #UPDATE_ALL_WITH_ORDERS}.
     */
    private static final String UPDATE_ALL = """
            UPDATE payments p SET status = u.status, provider_ref = u.provider_ref,
                provider_payment_id = u.provider_payment_id, checkout = u.checkout::jsonb,
                refunded_minor = u.refunded, failure_reason = u.failure_reason,
                updated_at = u.updated_at::timestamptz, version = u.version
            FROM unnest(:ids::text[], :statuses::text[], :refs::text[], :paymentIds::text[],
                :checkouts::text[], :refunded::bigint[], :reasons::text[], :updatedAt::text[],
                :versions::bigint[]) AS u (id, status, provider_ref, provider_payment_id, checkout,
                refunded, failure_reason, updated_at, version)
            WHERE p.id = u.id AND p.version = u.version - 1""";
    /**
     * {@link #updateAllWithOrders}: both updates and the events' append, each a clause (PostgreSQL runs every
     * data-modifying clause whether or not it is read), answering how many payments and orders were updated.
     */
    private static final String UPDATE_ALL_WITH_ORDERS = "WITH payments_updated AS (" + UPDATE_ALL + " RETURNING 1),\n"
            + "orders_updated AS (" + JdbiOrders.UPDATE_ALL + " RETURNING 1),\n"
            + JdbiOutbox.APPENDER + ",\n"
            + "events_appended AS (" + JdbiOutbox.INSERT_ALL + " RETURNING 1)\n"
            + "SELECT (SELECT count(*) FROM payments_updated) AS payments, (SELECT count(*) FROM orders_updated) AS orders";
    /** The newest payment of {@code :userId} for {@code :purchaseKey} and {@code :provider} since {@code :since}. */
    private static final String RECENT = """
            WHERE user_id = :userId AND purchase_key = :purchaseKey AND provider = :provider
              AND created_at >= :since ORDER BY created_at DESC, id DESC LIMIT 1""";
    /** A new payment (bound by {@link #bindNew}) for the order a preceding {@code o} clause inserted. */
    private static final String PAYMENT_FOR_NEW_ORDER = """
            INSERT INTO payments (id, order_id, user_id, provider, purchase_key, amount_minor, currency, status,
                provider_ref, provider_payment_id, checkout, refunded_minor, failure_reason, created_at,
                updated_at, version)
            SELECT :id, :orderId, :userId, :provider, :purchaseKey, :amount, :currency, :status, :providerRef,
                :providerPaymentId, :checkout::jsonb, :refunded, :failureReason, :createdAt, :updatedAt,
                :version
            FROM o""";
    /**
     * {@link #reuseOrInsertWithOrder} inside a running transaction: the reusable payment's columns (nulls if
     * none), how many were inserted.
     */
    private static final String REUSE_OR_INSERT_WITH_ORDER = reuseOrInsertWithOrder("");
    /**
     * {@link #REUSE_OR_INSERT_WITH_ORDER} as a statement that commits by itself, without waiting for the disk:
     * {@code set_config(…, true)} is {@code SET LOCAL}, and PostgreSQL reads {@code synchronous_commit} when the
     * statement's own transaction commits, then restores the connection's setting. Why a checkout's first phase
     * may: {@link Payments#reuseOrInsertWithOrder}.
     */
    private static final String REUSE_OR_INSERT_WITH_ORDER_ALONE = reuseOrInsertWithOrder(
            "set_config('synchronous_commit', 'off', true) AS commit_mode, ");

    private static String reuseOrInsertWithOrder(String extraColumn) {
        return JdbiOrders.orderAndLines(
                "recent AS (SELECT * FROM payments " + RECENT + "),\n"
                        + "reusable AS (SELECT * FROM recent WHERE status = 'CREATED' AND provider_ref IS NOT NULL),\n",
                "NOT EXISTS (SELECT 1 FROM reusable)")
                + ", p AS (" + PAYMENT_FOR_NEW_ORDER + " RETURNING 1)\n"
                + "SELECT (SELECT count(*) FROM p) AS inserted, " + extraColumn + COLUMNS
                + " FROM (SELECT 1) AS one LEFT JOIN reusable ON true";
    }

    private final JdbiTransactions transactions;
    /** What {@link #updateAllWithOrders} writes apart when one of its lists is empty. */
    private final JdbiOrders orders;
    private final JdbiOutbox outbox;

    /** The payment columns as {@link #payment} reads them, each name after {@code alias} ({@code "p."}, or none). */
    private static String columns(String alias) {
        return String.join(", ", List.of("id", "order_id", "user_id", "provider", "purchase_key", "amount_minor",
                        "currency", "status", "provider_ref", "provider_payment_id", "checkout::text AS checkout",
                        "refunded_minor", "failure_reason", "created_at", "updated_at", "version").stream()
                .map(column -> alias + column).toList());
    }

    JdbiPayments(JdbiTransactions transactions) {
        this.transactions = transactions;
        this.orders = new JdbiOrders(transactions);
        this.outbox = new JdbiOutbox(transactions);
    }

    @Override
    public void insert(Payment payment) {
        int inserted = transactions.withStatement(handle -> bindNew(handle.createUpdate("""
                INSERT INTO payments (id, order_id, user_id, provider, purchase_key, amount_minor, currency, status,
                    provider_ref, provider_payment_id, checkout, refunded_minor, failure_reason, created_at,
                    updated_at, version)
                VALUES (:id, :orderId, :userId, :provider, :purchaseKey, :amount, :currency, :status, :providerRef,
                    :providerPaymentId, :checkout::jsonb, :refunded, :failureReason, :createdAt, :updatedAt, :version)
                ON CONFLICT DO NOTHING"""), payment).execute());
        if (inserted == 0) {
            throw new IllegalStateException("Payment " + payment.id() + " or its provider reference "
                    + payment.providerRef().orElse("-") + " exists");
        }
    }

    /**
     * One statement: the order and its lines ({@link JdbiOrders#ORDER_AND_LINES}), then the payment only if the
     * order was new. A taken payment id fails the whole statement (unique violation), so neither is stored.
     */
    @Override
    public void insertWithOrder(Order order, Payment payment) {
        int inserted;
        try {
            inserted = transactions.withStatement(handle -> bindNew(JdbiOrders.bindOrder(handle.createUpdate(
                    JdbiOrders.ORDER_AND_LINES + PAYMENT_FOR_NEW_ORDER), order), payment).execute());
        } catch (RuntimeException failure) {
            if (Sql.UNIQUE_VIOLATION.equals(Sql.sqlState(failure))) {
                throw new IllegalStateException("Payment " + payment.id() + " exists", failure);
            }
            throw failure;
        }
        if (inserted == 0) {
            throw new IllegalStateException("Order " + order.id() + " exists");
        }
    }

    /**
     * One statement: the newest payment for the purchase since {@code since} ({@link #findRecent}'s query), and
     * only if it is not open for reuse (the SQL of {@link Payment#isOpenForReuse}: {@code CREATED} with a provider
     * reference) the order, its lines and the payment as {@link #insertWithOrder} stores them. It answers one row:
     * the open payment's columns (null when there is none) and how many payments it inserted. Outside a unit of
     * work the statement commits without waiting for its WAL to reach the disk (an asynchronous commit): any
     * synchronous commit begun after it returns, on any connection, flushes it too (the WAL is one sequence), and
     * PostgreSQL's WAL writer does within {@code 3 × wal_writer_delay} (600 ms by default) if none comes.
     */
    @Override
    public Optional<Payment> reuseOrInsertWithOrder(Order order, Payment payment, Instant since) {
        record Answer(long inserted, Optional<Payment> open) {
        }
        String sql = transactions.isActive() ? REUSE_OR_INSERT_WITH_ORDER : REUSE_OR_INSERT_WITH_ORDER_ALONE;
        Answer answer;
        try {
            answer = transactions.withStatement(handle -> bindNew(JdbiOrders.bindOrder(
                    handle.createQuery(sql), order), payment).bind("since", Sql.at(since))
                    .map((rs, context) -> new Answer(rs.getLong("inserted"), rs.getString("id") == null
                            ? Optional.empty() : Optional.of(payment(rs, context))))
                    .one());
        } catch (RuntimeException failure) {
            if (Sql.UNIQUE_VIOLATION.equals(Sql.sqlState(failure))) {
                throw new IllegalStateException("Payment " + payment.id() + " exists", failure);
            }
            throw failure;
        }
        if (answer.open().isEmpty() && answer.inserted() == 0) {
            throw new IllegalStateException("Order " + order.id() + " exists");
        }
        return answer.open();
    }

    @Override
    public Optional<Payment> find(PaymentId id) {
        return transactions.withStatement(handle -> handle.createQuery(SELECT + "WHERE id = :id")
                .bind("id", id.value()).map(JdbiPayments::payment).findOne());
    }

    @Override
    public Optional<Payment> findByProviderRef(String provider, String providerRef) {
        return transactions.withStatement(handle -> handle
                .createQuery(SELECT + "WHERE provider = :provider AND provider_ref = :ref")
                .bind("provider", provider).bind("ref", providerRef).map(JdbiPayments::payment).findOne());
    }

    /** One query: the payments, their orders and the orders' lines joined, one row per line. */
    @Override
    public FoundWithOrders findByProviderRefsWithOrders(String provider, Collection<String> providerRefs) {
        if (providerRefs.isEmpty()) {
            return new FoundWithOrders(Map.of(), Map.of());
        }
        return transactions.withStatement(handle -> handle.createQuery(WITH_ORDERS)
                .bind("provider", provider).bind("refs", Sql.texts(providerRefs))
                .reduceResultSet(new WithOrdersRows(), (rows, rs, context) -> {
                    rows.add(rs, context);
                    return rows;
                }).found());
    }

    /** Rows of {@link #WITH_ORDERS}: a payment's columns repeated on each line of its order. Not thread-safe. */
    private static final class WithOrdersRows {
        private final Map<String, Payment> byRef = new LinkedHashMap<>();
        private final JdbiOrders.OrderRows orders = new JdbiOrders.OrderRows();
        private String lastPayment;

        void add(ResultSet rs, StatementContext context) throws SQLException {
            String id = rs.getString("id");
            if (!id.equals(lastPayment)) {
                Payment payment = payment(rs, context);
                byRef.put(payment.providerRef().orElseThrow(), payment);
                lastPayment = id;
            }
            orders.add(rs);
        }

        FoundWithOrders found() {
            Map<OrderId, Order> byId = new LinkedHashMap<>();
            orders.orders().forEach(order -> byId.put(order.id(), order));
            return new FoundWithOrders(byRef, byId);
        }
    }

    @Override
    public Optional<Payment> findByProviderPaymentId(String provider, String providerPaymentId) {
        return transactions.withStatement(handle -> handle
                .createQuery(SELECT + "WHERE provider = :provider AND provider_payment_id = :ref ORDER BY created_at LIMIT 1")
                .bind("provider", provider).bind("ref", providerPaymentId).map(JdbiPayments::payment).findOne());
    }

    /**
     * The NOT EXISTS keeps a provider-reference clash from aborting the transaction in the common case; two
     * transactions racing to give one reference to two payments still meet the unique constraint.
     */
    @Override
    public boolean update(Payment updated) {
        return transactions.withStatement(handle -> {
            int changed;
            try {
                changed = bindColumns(handle.createUpdate("""
                        UPDATE payments SET status = :status, provider_ref = :providerRef,
                            provider_payment_id = :providerPaymentId, checkout = :checkout::jsonb,
                            refunded_minor = :refunded, failure_reason = :failureReason, updated_at = :updatedAt,
                            version = :version
                        WHERE id = :id AND version = :expected AND NOT EXISTS (SELECT 1 FROM payments other
                            WHERE other.provider = :provider AND other.provider_ref = :providerRef AND other.id <> :id)"""),
                        updated).bind("expected", updated.version() - 1).execute();
            } catch (RuntimeException failure) {
                if (Sql.UNIQUE_VIOLATION.equals(Sql.sqlState(failure))) {
                    throw referenceTaken(updated);
                }
                throw failure;
            }
            if (changed == 0 && updated.providerRef().isPresent()
                    && findByProviderRef(updated.provider(), updated.providerRef().get())
                    .filter(other -> !other.id().equals(updated.id())).isPresent()) {
                throw referenceTaken(updated);
            }
            return changed == 1;
        });
    }

    /** One statement for the list; a provider-reference clash fails it (and the caller's transaction). */
    @Override
    public boolean updateAll(List<Payment> updated) {
        if (updated.size() <= 1) {
            return updated.stream().allMatch(this::update);
        }
        int changed = transactions.withStatement(handle -> {
            try {
                return bindUpdateAll(handle.createUpdate(UPDATE_ALL), updated).execute();
            } catch (RuntimeException failure) {
                throw referencesTaken(failure);
            }
        });
        return changed == updated.size();
    }

    /**
     * Both compare-and-set updates and the events' append as clauses of one statement, so a settlement batch
     * writes its captures, their paid orders and its events in one round trip; a provider-reference clash fails it
     * (and the caller's transaction).
     */
    @Override
    public boolean updateAllWithOrders(List<Payment> updated, List<Order> paid, List<OutboxEvent> events) {
        if (updated.isEmpty() || paid.isEmpty() || events.isEmpty()) {
            return transactions.inTransaction(() -> {
                boolean all = updateAll(updated) & orders.updateAll(paid);
                outbox.appendAll(events);
                return all;
            });
        }
        return transactions.withStatement(handle -> {
            try {
                return JdbiOutbox.bindAll(JdbiOrders.bindUpdateAll(bindUpdateAll(
                                handle.createQuery(UPDATE_ALL_WITH_ORDERS), updated), paid), events)
                        .map((rs, context) -> rs.getInt("payments") == updated.size()
                                && rs.getInt("orders") == paid.size()).one();
            } catch (RuntimeException failure) {
                throw referencesTaken(failure);
            }
        });
    }

    private static <S extends SqlStatement<S>> S bindUpdateAll(S statement, List<Payment> updated) {
        return statement.bind("ids", Sql.texts(updated.stream().map(p -> p.id().value()).toList()))
                .bind("statuses", Sql.texts(updated.stream().map(p -> p.status().name()).toList()))
                .bind("refs", Sql.texts(updated.stream().map(p -> p.providerRef().orElse(null)).toList()))
                .bind("paymentIds", Sql.texts(updated.stream().map(p -> p.providerPaymentId().orElse(null)).toList()))
                .bind("checkouts", Sql.texts(updated.stream().map(p -> FlatJson.write(p.checkout())).toList()))
                .bind("refunded", Sql.bigints(updated.stream().map(p -> p.refunded().minor()).toList()))
                .bind("reasons", Sql.texts(updated.stream().map(p -> p.failureReason().orElse(null)).toList()))
                .bind("updatedAt", Sql.texts(updated.stream()
                        .map(p -> p.updatedAt().truncatedTo(ChronoUnit.MICROS).toString()).toList()))
                .bind("versions", Sql.bigints(updated.stream().map(Payment::version).toList()));
    }

    private static RuntimeException referencesTaken(RuntimeException failure) {
        if (Sql.UNIQUE_VIOLATION.equals(Sql.sqlState(failure))) {
            return new IllegalStateException("A provider reference of these payments already belongs to another"
                    + " payment", failure);
        }
        return failure;
    }

    private static IllegalStateException referenceTaken(Payment payment) {
        return new IllegalStateException("Provider reference " + payment.providerRef().orElse("-")
                + " already belongs to another payment of " + payment.provider());
    }

    @Override
    public Optional<Payment> findRecent(UserId user, String purchaseKey, String provider, Instant since) {
        return transactions.withStatement(handle -> handle.createQuery(SELECT + RECENT)
                .bind("userId", user.value()).bind("purchaseKey", purchaseKey).bind("provider", provider)
                .bind("since", Sql.at(since)).map(JdbiPayments::payment).findOne());
    }

    @Override
    public List<Payment> findStale(String provider, Collection<PaymentStatus> statuses, Instant updatedBefore,
                                   int limit) {
        if (statuses.isEmpty()) {
            return List.of();
        }
        return transactions.withStatement(handle -> handle.createQuery(SELECT + """
                        WHERE provider = :provider AND status = ANY(:statuses) AND updated_at < :before
                        ORDER BY updated_at, id LIMIT :limit""")
                .bind("provider", provider)
                .bind("statuses", Sql.texts(statuses.stream().map(Enum::name).toList()))
                .bind("before", Sql.at(updatedBefore)).bind("limit", limit)
                .map(JdbiPayments::payment).list());
    }

    @Override
    public List<Payment> listByUser(UserId user, int limit) {
        return transactions.withStatement(handle -> handle
                .createQuery(SELECT + "WHERE user_id = :user ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("user", user.value()).bind("limit", limit).map(JdbiPayments::payment).list());
    }

    @Override
    public List<PaymentTally> tally(Instant from, Instant to) {
        return transactions.withStatement(handle -> handle.createQuery("""
                        SELECT provider, status, currency, count(*) AS count, sum(amount_minor)::bigint AS amount
                        FROM payments WHERE created_at >= :from AND created_at < :to
                        GROUP BY provider, status, currency ORDER BY provider, status, currency""")
                .bind("from", Sql.at(from)).bind("to", Sql.at(to))
                .map((rs, context) -> new PaymentTally(rs.getString("provider"),
                        PaymentStatus.valueOf(rs.getString("status")), rs.getString("currency"), rs.getLong("count"),
                        rs.getLong("amount")))
                .list());
    }

    /** Every column of a new payment. */
    private static <S extends SqlStatement<S>> S bindNew(S statement, Payment payment) {
        return bindColumns(statement, payment)
                .bind("orderId", payment.orderId().value())
                .bind("userId", payment.user().value())
                .bind("purchaseKey", payment.purchaseKey())
                .bind("amount", payment.amount().minor())
                .bind("currency", payment.amount().currencyCode())
                .bind("createdAt", Sql.at(payment.createdAt()));
    }

    private static <S extends SqlStatement<S>> S bindColumns(S statement, Payment payment) {
        return statement.bind("id", payment.id().value())
                .bind("provider", payment.provider())
                .bind("status", payment.status().name())
                .bind("providerRef", payment.providerRef().orElse(null))
                .bind("providerPaymentId", payment.providerPaymentId().orElse(null))
                .bind("checkout", FlatJson.write(payment.checkout()))
                .bind("refunded", payment.refunded().minor())
                .bind("failureReason", payment.failureReason().orElse(null))
                .bind("updatedAt", Sql.at(payment.updatedAt()))
                .bind("version", payment.version());
    }

    private static Payment payment(ResultSet rs, StatementContext context) throws SQLException {
        Money amount = Sql.money(rs, "amount_minor", "currency");
        return new Payment(new PaymentId(rs.getString("id")), new OrderId(rs.getString("order_id")),
                new UserId(rs.getString("user_id")), rs.getString("provider"), rs.getString("purchase_key"), amount,
                PaymentStatus.valueOf(rs.getString("status")), Sql.optionalString(rs, "provider_ref"),
                Sql.optionalString(rs, "provider_payment_id"), FlatJson.read(rs.getString("checkout")),
                Money.ofMinor(amount.currency(), rs.getLong("refunded_minor")),
                Sql.optionalString(rs, "failure_reason"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), rs.getLong("version"));
    }
}
