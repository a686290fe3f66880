package dev.payledger.jdbc;

import dev.payledger.core.money.Money;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ObjectArgument;
import org.jdbi.v3.core.generic.GenericTypes;

import java.lang.reflect.Type;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Small conversions shared by the adapters: timestamps, money columns, array types and SQLSTATEs. */
final class Sql {
    static final String UNIQUE_VIOLATION = "23505";
    static final String LOCK_NOT_AVAILABLE = "55P03";

    /**
     * A list of texts bound as a SQL array: {@code bindByType(name, list, Sql.TEXTS)}. This is what JDBI's
     * {@code bindArray(name, String.class, list)} does, except that it builds the type {@code Iterable<String>}
     * anew through reflection on every call: 8 % of the library's CPU in a settlement batch (JFR, session 6).
     */
    static final Type TEXTS = GenericTypes.parameterizeClass(Iterable.class, String.class);
    /** As {@link #TEXTS}, for a list of longs ({@code bigint[]}). */
    static final Type BIGINTS = GenericTypes.parameterizeClass(Iterable.class, Long.class);
    /** As {@link #TEXTS}, for a list of integers ({@code integer[]}). */
    static final Type INTS = GenericTypes.parameterizeClass(Iterable.class, Integer.class);

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
