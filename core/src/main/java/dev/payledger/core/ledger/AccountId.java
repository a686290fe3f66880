package dev.payledger.core.ledger;

import dev.payledger.core.common.Require;
import dev.payledger.core.common.UserId;

import java.util.Currency;

/**
 * A ledger account: a name and the one asset it holds (an ISO currency code or {@link #CREDITS}).
 *
 * <p>Balances are signed: a transfer adds to its destination and subtracts from its source. Wallets
 * ({@code wallet:<user>}) never go below zero; system accounts ({@code credits:issued}, {@code revenue:INR},
 * {@code clearing:razorpay:INR}…) may be negative, which is how the books balance to zero per asset.
 */
public record AccountId(String name, String asset) {
    public static final String CREDITS = "CREDITS";
    private static final String WALLET_PREFIX = "wallet:";

    public AccountId {
        Require.token(name, "account name", 200);
        Require.token(asset, "asset", 16);
    }

    public static AccountId wallet(UserId user) {
        return new AccountId(WALLET_PREFIX + user.value(), CREDITS);
    }

    /** Where credits come from: issued on purchase and grant, returned on clawback. */
    public static AccountId creditsIssued() {
        return new AccountId("credits:issued", CREDITS);
    }

    /** Where spent credits go. */
    public static AccountId creditsSpent() {
        return new AccountId("credits:spent", CREDITS);
    }

    /** Credits a forced refund could not claw back because the user had already spent them. */
    public static AccountId creditsWrittenOff() {
        return new AccountId("credits:written-off", CREDITS);
    }

    public static AccountId revenue(Currency currency) {
        return new AccountId("revenue:" + currency.getCurrencyCode(), currency.getCurrencyCode());
    }

    /** Money a provider holds for us (collected, not yet paid out). */
    public static AccountId clearing(String provider, Currency currency) {
        return new AccountId("clearing:" + provider + ":" + currency.getCurrencyCode(), currency.getCurrencyCode());
    }

    /** Money received that did not match what we expected; waits for an operator. */
    public static AccountId suspense(Currency currency) {
        return new AccountId("suspense:" + currency.getCurrencyCode(), currency.getCurrencyCode());
    }

    public boolean isWallet() {
        return name.startsWith(WALLET_PREFIX);
    }

    /** The wallet's owner; throws for a system account. */
    public UserId walletOwner() {
        if (!isWallet()) {
            throw new IllegalStateException(name + " is not a wallet");
        }
        return new UserId(name.substring(WALLET_PREFIX.length()));
    }
}
