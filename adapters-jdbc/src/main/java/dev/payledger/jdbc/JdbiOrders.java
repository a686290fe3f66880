package dev.payledger.jdbc;

import dev.payledger.core.common.UserId;
import dev.payledger.core.money.Money;
import dev.payledger.core.order.FulfilmentStatus;
import dev.payledger.core.order.Order;
import dev.payledger.core.order.OrderId;
import dev.payledger.core.order.OrderLine;
import dev.payledger.core.order.OrderPaymentStatus;
import dev.payledger.core.order.Orders;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

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
    private static final String COLUMNS = "id, buyer, fulfilment, payment_status, placed_at, version";

    private final JdbiTransactions transactions;

    JdbiOrders(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void insert(Order order) {
        transactions.withHandle(handle -> {
            int inserted = handle.createUpdate("""
                            INSERT INTO orders (id, buyer, total_minor, currency, fulfilment, payment_status, placed_at, version)
                            VALUES (:id, :buyer, :total, :currency, :fulfilment, :payment, :placedAt, :version)
                            ON CONFLICT (id) DO NOTHING""")
                    .bind("id", order.id().value())
                    .bind("buyer", order.buyer().value())
                    .bind("total", order.total().minor())
                    .bind("currency", order.total().currencyCode())
                    .bind("fulfilment", order.fulfilment().name())
                    .bind("payment", order.paymentStatus().name())
                    .bind("placedAt", Sql.at(order.placedAt()))
                    .bind("version", order.version())
                    .execute();
            if (inserted == 0) {
                throw new IllegalStateException("Order " + order.id() + " exists");
            }
            insertLines(handle, order);
            return null;
        });
    }

    private static void insertLines(Handle handle, Order order) {
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO order_lines (order_id, line_no, sku, kind, name, quantity, unit_price_minor, currency, credits_each)
                VALUES (:orderId, :lineNo, :sku, :kind, :name, :quantity, :unitPrice, :currency, :creditsEach)""");
        int lineNo = 0;
        for (OrderLine line : order.lines()) {
            batch.bind("orderId", order.id().value())
                    .bind("lineNo", ++lineNo)
                    .bind("sku", line.sku())
                    .bind("kind", line.kind().name())
                    .bind("name", line.name())
                    .bind("quantity", line.quantity())
                    .bind("unitPrice", line.unitPrice().minor())
                    .bind("currency", line.unitPrice().currencyCode())
                    .bind("creditsEach", line.creditsEach())
                    .add();
        }
        batch.execute();
    }

    @Override
    public Optional<Order> find(OrderId id) {
        return transactions.withHandle(handle -> load(handle, handle
                .createQuery("SELECT " + COLUMNS + " FROM orders WHERE id = :id")
                .bind("id", id.value())
                .map(JdbiOrders::header)
                .list())).stream().findFirst();
    }

    @Override
    public Map<OrderId, Order> findAll(Collection<OrderId> ids) {
        Map<OrderId, Order> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        transactions.withHandle(handle -> load(handle, handle
                .createQuery("SELECT " + COLUMNS + " FROM orders WHERE id = ANY(:ids)")
                .bindArray("ids", String.class, ids.stream().map(OrderId::value).toList())
                .map(JdbiOrders::header)
                .list())).forEach(order -> found.put(order.id(), order));
        return found;
    }

    /** One statement for the list. */
    @Override
    public boolean updateAll(List<Order> updated) {
        if (updated.size() <= 1) {
            return updated.stream().allMatch(this::update);
        }
        return transactions.withHandle(handle -> handle.createUpdate("""
                        UPDATE orders o SET fulfilment = u.fulfilment, payment_status = u.payment, version = u.version
                        FROM unnest(:ids::text[], :fulfilments::text[], :payments::text[], :versions::bigint[])
                            AS u (id, fulfilment, payment, version)
                        WHERE o.id = u.id AND o.version = u.version - 1""")
                .bindArray("ids", String.class, updated.stream().map(o -> o.id().value()).toList())
                .bindArray("fulfilments", String.class, updated.stream().map(o -> o.fulfilment().name()).toList())
                .bindArray("payments", String.class, updated.stream().map(o -> o.paymentStatus().name()).toList())
                .bindArray("versions", Long.class, updated.stream().map(Order::version).toList())
                .execute()) == updated.size();
    }

    @Override
    public boolean update(Order updated) {
        return transactions.withHandle(handle -> handle.createUpdate("""
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
        return transactions.withHandle(handle -> load(handle, handle.createQuery("SELECT " + COLUMNS
                        + " FROM orders WHERE buyer = :buyer ORDER BY placed_at DESC, id DESC LIMIT :limit")
                .bind("buyer", buyer.value())
                .bind("limit", limit)
                .map(JdbiOrders::header)
                .list()));
    }

    /** An order row without its lines. */
    private record Header(OrderId id, UserId buyer, FulfilmentStatus fulfilment, OrderPaymentStatus payment,
                          Instant placedAt, long version) {
    }

    private static Header header(ResultSet rs, org.jdbi.v3.core.statement.StatementContext context)
            throws SQLException {
        return new Header(new OrderId(rs.getString("id")), new UserId(rs.getString("buyer")),
                FulfilmentStatus.valueOf(rs.getString("fulfilment")),
                OrderPaymentStatus.valueOf(rs.getString("payment_status")), Sql.instant(rs, "placed_at"),
                rs.getLong("version"));
    }

    private static List<Order> load(Handle handle, List<Header> headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        Map<String, List<OrderLine>> lines = new LinkedHashMap<>();
        headers.forEach(header -> lines.put(header.id().value(), new ArrayList<>()));
        handle.createQuery("""
                        SELECT order_id, sku, kind, name, quantity, unit_price_minor, currency, credits_each
                        FROM order_lines WHERE order_id = ANY(:ids) ORDER BY order_id, line_no""")
                .bindArray("ids", String.class, lines.keySet())
                .map((rs, context) -> Map.entry(rs.getString("order_id"), new OrderLine(rs.getString("sku"),
                        OrderLine.Kind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getInt("quantity"),
                        Money.ofMinor(rs.getString("currency"), rs.getLong("unit_price_minor")),
                        rs.getLong("credits_each"))))
                .forEach(entry -> lines.get(entry.getKey()).add(entry.getValue()));
        return headers.stream().map(header -> Order.restore(header.id(), header.buyer(),
                lines.get(header.id().value()), header.fulfilment(), header.payment(), header.placedAt(),
                header.version())).toList();
    }
}
