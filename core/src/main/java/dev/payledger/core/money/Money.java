package dev.payledger.core.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of one currency in integer minor units (paise, cents). Immutable and thread-safe.
 *
 * <p>The scale comes from {@link Currency#getDefaultFractionDigits()} (JPY 0, INR 2, KWD 3). Arithmetic
 * on two different currencies and overflow of {@code long} throw; there is no {@code double} anywhere.
 */
public record Money(Currency currency, long minor) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("Currency has no minor unit: " + currency);
        }
    }

    public static Money ofMinor(Currency currency, long minor) {
        return new Money(currency, minor);
    }

    public static Money ofMinor(String currencyCode, long minor) {
        return new Money(currency(currencyCode), minor);
    }

    public static Money zero(Currency currency) {
        return new Money(currency, 0);
    }

    /** Parses a decimal such as {@code "349.00"}; more fraction digits than the currency has are rejected. */
    public static Money parse(Currency currency, String decimal) {
        Objects.requireNonNull(decimal, "decimal");
        BigDecimal value;
        try {
            value = new BigDecimal(decimal.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a decimal amount: " + decimal);
        }
        try {
            BigDecimal scaled = value.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
            return new Money(currency, scaled.unscaledValue().longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Amount " + decimal + " does not fit " + currency, e);
        }
    }

    /** The ISO 4217 currency for a code; throws {@link IllegalArgumentException} for an unknown code. */
    public static Currency currency(String code) {
        Objects.requireNonNull(code, "currency code");
        try {
            return Currency.getInstance(code.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown currency: " + code);
        }
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(currency, Math.addExact(minor, other.minor));
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(currency, Math.subtractExact(minor, other.minor));
    }

    public Money times(long factor) {
        return new Money(currency, Math.multiplyExact(minor, factor));
    }

    public boolean isPositive() {
        return minor > 0;
    }

    public boolean isZero() {
        return minor == 0;
    }

    public boolean isNegative() {
        return minor < 0;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    /** The amount as a plain decimal with the currency's scale: {@code 34900 INR -> "349.00"}, {@code 500 JPY -> "500"}. */
    public String toDecimalString() {
        return BigDecimal.valueOf(minor, currency.getDefaultFractionDigits()).toPlainString();
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return toDecimalString() + " " + currencyCode();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Currency mismatch: " + currency + " vs " + other.currency);
        }
    }
}
