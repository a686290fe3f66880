package dev.payledger.jdbc;

import dev.payledger.core.common.UserId;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.FulfilmentStatus;
import dev.payledger.core.order.Order;
import dev.payledger.core.order.OrderId;
import dev.payledger.core.order.OrderLine;
import dev.payledger.core.order.OrderPaymentStatus;
import dev.payledger.core.order.Orders;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Orders in {@code orders} and their lines in {@code order_lines}. Thread-safe. */
final class JdbiOrders implements Orders {
    /**
     * An order's header and its lines, one row per line, as {@link OrderRows} reads them: the header's columns are
     * prefixed {@code o_}, so a query may select them beside another table's ({@link JdbiPayments}).
     */
    static final String ORDER_COLUMNS = """
            o.id AS o_id, o.buyer AS o_buyer, o.fulfilment AS o_fulfilment, o.payment_status AS o_payment_status,
                o.placed_at AS o_placed_at, o.version AS o_version, l.sku, l.kind, l.name, l.quantity,
                l.unit_price_minor, l.currency AS line_currency, l.credits_each""";
    /** An order's header and its lines in one query (one row per line); a WHERE and ORDER BY follow. */
    private static final String JOINED = "SELECT " + ORDER_COLUMNS
            + "\nFROM orders o LEFT JOIN order_lines l ON l.order_id = o.id\n";
    /**
     * Compare-and-set on every order of {@code :orderIds} (bound by {@link #bindUpdateAll}); a statement of its own,
     * or a clause of another's ({@link JdbiPayments#updateAllWithOrders}).
     */
    static final String UPDATE_ALL = """
            UPDATE orders o SET fulfilment = u.fulfilment, payment_status = u.payment, version = u.version
            FROM unnest(:orderIds::text[], :orderFulfilments::text[], :orderPayments::text[], :orderVersions::bigint[])
                AS u (id, fulfilment, payment, version)
            WHERE o.id = u.id AND o.version = u.version - 1""";

    private final JdbiTransactions transactions;

    JdbiOrders(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Inserts an order ({@code o}, answering its id, nothing when the id is taken) and its lines ({@code l}): the
     * {@code WITH} clauses of a statement, bound by {@link #bindOrder}; its own parameters start with {@code o_}.
     */
    static final String ORDER_AND_LINES = orderAndLines("", "true");

    /**
     * {@link #ORDER_AND_LINES} after the {@code earlier} {@code WITH} clauses (each ending with a comma), the order
     * inserted only where {@code condition} holds (its lines follow it).
     */
    static String orderAndLines(String earlier, String condition) {
        return "WITH " + earlier + """
            o AS (
                INSERT INTO orders (id, buyer, total_minor, currency, fulfilment, payment_status, placed_at, version)
                SELECT :o_id, :o_buyer, :o_total, :o_currency, :o_fulfilment, :o_payment, :o_placedAt, :o_version
                WHERE %s
                ON CONFLICT (id) DO NOTHING
                RETURNING id),
            """.formatted(condition) + LINES;
    }

    private static final String LINES = """
            l AS (
                INSERT INTO order_lines (order_id, line_no, sku, kind, name, quantity, unit_price_minor, currency,
                    credits_each)
                SELECT o.id, l.line_no, l.sku, l.kind, l.name, l.quantity, l.unit_price, l.currency, l.credits
                FROM o, unnest(:o_skus::text[], :o_kinds::text[], :o_names::text[], :o_quantities::int[],
                    :o_prices::bigint[], :o_currencies::text[], :o_credits::bigint[]) WITH ORDINALITY
                    AS l (sku, kind, name, quantity, unit_price, currency, credits, line_no)
                RETURNING order_id)
            """;

    /** The order and its lines in one statement (the lines' insert reads the order's id from a CTE). */
    @Override
    public void insert(Order order) {
        int inserted = transactions.withStatement(handle -> bindOrder(handle.createQuery(
                ORDER_AND_LINES + "SELECT count(*) FROM l"), order).mapTo(Integer.class).one());
        if (inserted == 0) {
            // every order has a line: no line written means the order's id was taken
            throw new IllegalStateException("Order " + order.id() + " exists");
        }
    }

    static <S extends SqlStatement<S>> S bindOrder(S statement, Order order) {
        List<OrderLine> lines = order.lines();
        return statement.bind("o_id", order.id().value())
                .bind("o_buyer", order.buyer().value())
                .bind("o_total", order.total().minor())
                .bind("o_currency", order.total().currencyCode())
                .bind("o_fulfilment", order.fulfilment().name())
                .bind("o_payment", order.paymentStatus().name())
                .bind("o_placedAt", Sql.at(order.placedAt()))
                .bind("o_version", order.version())
                .bind("o_skus", Sql.texts(lines.stream().map(OrderLine::sku).toList()))
                .bind("o_kinds", Sql.texts(lines.stream().map(line -> line.kind().name()).toList()))
                .bind("o_names", Sql.texts(lines.stream().map(OrderLine::name).toList()))
                .bind("o_quantities", Sql.ints(lines.stream().map(OrderLine::quantity).toList()))
                .bind("o_prices", Sql.bigints(lines.stream().map(line -> line.unitPrice().minor()).toList()))
                .bind("o_currencies", Sql.texts(lines.stream().map(line -> line.unitPrice().currencyCode()).toList()))
                .bind("o_credits", Sql.bigints(lines.stream().map(OrderLine::creditsEach).toList()));
    }

    @Override
    public Optional<Order> find(OrderId id) {
        return transactions.withStatement(handle -> joined(handle.createQuery(JOINED + "WHERE o.id = :id ORDER BY l.line_no")
                .bind("id", id.value()))).stream().findFirst();
    }

    @Override
    public Map<OrderId, Order> findAll(Collection<OrderId> ids) {
        Map<OrderId, Order> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        transactions.withStatement(handle -> joined(handle.createQuery(JOINED + "WHERE o.id = ANY(:ids) ORDER BY o.id, l.line_no")
                .bind("ids", Sql.texts(ids.stream().map(OrderId::value).toList()))))
                .forEach(order -> found.put(order.id(), order));
        return found;
    }

    /** One statement for the list. */
    @Override
    public boolean updateAll(List<Order> updated) {
        if (updated.size() <= 1) {
            return updated.stream().allMatch(this::update);
        }
        return transactions.withStatement(handle -> bindUpdateAll(handle.createUpdate(UPDATE_ALL), updated).execute())
                == updated.size();
    }

    static <S extends SqlStatement<S>> S bindUpdateAll(S statement, List<Order> updated) {
        return statement.bind("orderIds", Sql.texts(updated.stream().map(o -> o.id().value()).toList()))
                .bind("orderFulfilments", Sql.texts(updated.stream().map(o -> o.fulfilment().name()).toList()))
                .bind("orderPayments", Sql.texts(updated.stream().map(o -> o.paymentStatus().name()).toList()))
                .bind("orderVersions", Sql.bigints(updated.stream().map(Order::version).toList()));
    }

    @Override
    public boolean update(Order updated) {
        return transactions.withStatement(handle -> handle.createUpdate("""
                        UPDATE orders SET fulfilment = :fulfilment, payment_status = :payment, version = :version
                        WHERE id = :id AND version = :expected""")
                .bind("id", updated.id().value())
                .bind("fulfilment", updated.fulfilment().name())
                .bind("payment", updated.paymentStatus().name())
                .bind("version", updated.version())
                .bind("expected", updated.version() - 1)
                .execute() == 1);
    }

    @Override
    public List<Order> listByBuyer(UserId buyer, int limit) {
        return transactions.withStatement(handle -> joined(handle.createQuery("SELECT " + ORDER_COLUMNS + """

                        FROM (SELECT * FROM orders WHERE buyer = :buyer ORDER BY placed_at DESC, id DESC LIMIT :limit) o
                        LEFT JOIN order_lines l ON l.order_id = o.id
                        ORDER BY o.placed_at DESC, o.id DESC, l.line_no""")
                .bind("buyer", buyer.value())
                .bind("limit", limit)));
    }

    /** Orders with their lines, from rows of {@link #JOINED} ordered by order then line. */
    private static List<Order> joined(Query query) {
        return query.reduceResultSet(new OrderRows(), (rows, rs, context) -> {
            rows.add(rs);
            return rows;
        }).orders();
    }

    /**
     * Orders assembled from rows holding {@link #ORDER_COLUMNS}, each order's rows in line order (rows with no
     * order, {@code o_id} null, are skipped). Not thread-safe.
     */
    static final class OrderRows {
        private final Map<String, Header> headers = new LinkedHashMap<>();
        private final Map<String, List<OrderLine>> lines = new LinkedHashMap<>();

        void add(ResultSet rs) throws SQLException {
            String id = rs.getString("o_id");
            if (id == null) {
                return;
            }
            if (!headers.containsKey(id)) {
                headers.put(id, header(rs, id));
            }
            OrderLine line = line(rs);
            if (line != null) {
                lines.computeIfAbsent(id, key -> new ArrayList<>()).add(line);
            }
        }

        List<Order> orders() {
            return headers.values().stream().map(header -> Order.restore(header.id(), header.buyer(),
                    lines.getOrDefault(header.id().value(), List.of()), header.fulfilment(), header.payment(),
                    header.placedAt(), header.version())).toList();
        }
    }

    /** An order row without its lines. */
    private record Header(OrderId id, UserId buyer, FulfilmentStatus fulfilment, OrderPaymentStatus payment,
                          Instant placedAt, long version) {
    }

    private static Header header(ResultSet rs, String id) throws SQLException {
        return new Header(new OrderId(id), new UserId(rs.getString("o_buyer")),
                FulfilmentStatus.valueOf(rs.getString("o_fulfilment")),
                OrderPaymentStatus.valueOf(rs.getString("o_payment_status")), Sql.instant(rs, "o_placed_at"),
                rs.getLong("o_version"));
    }

    /** The line of a row, or null when the order has none (the LEFT JOIN found nothing). */
    private static OrderLine line(ResultSet rs) throws SQLException {
        String sku = rs.getString("sku");
        return sku == null ? null : new OrderLine(sku, OrderLine.Kind.valueOf(rs.getString("kind")), rs.getString("name"),
                rs.getInt("quantity"), Money.ofMinor(rs.getString("line_currency"), rs.getLong("unit_price_minor")),
                rs.getLong("credits_each"));
    }
}
