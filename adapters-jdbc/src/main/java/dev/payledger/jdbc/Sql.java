package dev.payledger.jdbc;

import dev.payledger.core.money.Money;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ObjectArgument;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/** Small conversions shared by the adapters: timestamps, money columns, arrays and SQLSTATEs. */
final class Sql {
    static final String UNIQUE_VIOLATION = "23505";
    static final String LOCK_NOT_AVAILABLE = "55P03";

    /**
     * A list of texts bound as a SQL {@code text[]}: {@code bind(name, Sql.texts(list))}. The driver sends it in
     * PostgreSQL's binary array format. Bound through JDBI's {@code bindArray} or {@code bindByType}, JDBI looked up
     * an argument factory for every binding and the driver wrote a text array literal, escaping it character by
     * character: together about 10 % of the service's CPU on the webhook path (JFR, session 7).
     */
    static Argument texts(Collection<String> values) {
        return new ArrayArgument(values.toArray(new String[0]));
    }

    /** As {@link #texts}, for a list of longs ({@code bigint[]}). */
    static Argument bigints(Collection<Long> values) {
        return new ArrayArgument(values.toArray(new Long[0]));
    }

    /** As {@link #texts}, for a list of integers ({@code integer[]}). */
    static Argument ints(Collection<Integer> values) {
        return new ArrayArgument(values.toArray(new Integer[0]));
    }

    /** An array the driver binds itself ({@code setObject}); nulls allowed. Shown in errors as its elements. */
    private record ArrayArgument(Object[] values) implements Argument {
        @Override
        public void apply(int position, PreparedStatement statement, StatementContext context) throws SQLException {
            statement.setObject(position, values);
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    private Sql() {
    }

    /**
     * An instant as a {@code timestamptz} argument. PostgreSQL keeps microseconds, so the instant is
     * truncated to them here rather than rounded by the driver.
     */
    static Argument at(Instant instant) {
        OffsetDateTime value = instant == null ? null
                : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        return ObjectArgument.of(value, Types.TIMESTAMP_WITH_TIMEZONE);
    }

    static Argument at(Optional<Instant> instant) {
        return at(instant.orElse(null));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(instant(rs, column));
    }

    static Optional<String> optionalString(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    static Money money(ResultSet rs, String minorColumn, String currencyColumn) throws SQLException {
        return Money.ofMinor(rs.getString(currencyColumn), rs.getLong(minorColumn));
    }

    /** The SQLSTATE of the first {@link SQLException} in the cause chain, or null. */
    static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sqlException && sqlException.getSQLState() != null) {
                return sqlException.getSQLState();
            }
        }
        return null;
    }
}
