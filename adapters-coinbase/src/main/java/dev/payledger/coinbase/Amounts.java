package dev.payledger.coinbase;

import dev.payledger.core.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

/**
 * Coinbase amounts (decimal strings) to and from {@link Money}. Stablecoins count as the fiat currency they are
 * redeemable 1:1 for ({@code USDC} is {@code USD}, {@code EURC} is {@code EUR}): {@code Money} holds ISO 4217
 * currencies only, and a USDC payment of a USD price is the same number of dollars. Amounts finer than the
 * currency's minor unit are rounded down, so we never book more than arrived.
 */
final class Amounts {
    private static final Map<String, String> STABLECOINS = Map.of("USDC", "USD", "EURC", "EUR");

    private Amounts() {
    }

    /** {@code "0.99"} for 99 US cents. */
    static String decimal(Money money) {
        return money.toDecimalString();
    }

    /** The ISO currency a Coinbase currency code stands for; throws {@link IllegalArgumentException} for others. */
    static Currency currency(String code) {
        String upper = code.trim().toUpperCase(Locale.ROOT);
        return Money.currency(STABLECOINS.getOrDefault(upper, upper));
    }

    /** Whether {@code configured} (what we send to Coinbase) can price an amount in {@code currency}. */
    static boolean fits(String configured, Currency currency) {
        return currency(configured).equals(currency);
    }

    static Money money(String amount, String currencyCode) {
        if (amount == null || currencyCode == null) {
            throw new IllegalArgumentException("Coinbase did not state an amount and a currency");
        }
        Currency currency = currency(currencyCode);
        try {
            BigDecimal value = new BigDecimal(amount.trim()).setScale(currency.getDefaultFractionDigits(), RoundingMode.DOWN);
            return Money.ofMinor(currency, value.unscaledValue().longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Coinbase stated an amount that does not fit: " + amount);
        }
    }
}
