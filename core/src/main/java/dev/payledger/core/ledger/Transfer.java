package dev.payledger.core.ledger;

import dev.payledger.core.common.Require;

/** Moves a positive amount of one asset from one account to another (two postings that sum to zero). */
public record Transfer(AccountId from, AccountId to, long amount) {
    public Transfer {
        Require.nonNull(from, "from account");
        Require.nonNull(to, "to account");
        Require.positive(amount, "transfer amount");
        if (!from.asset().equals(to.asset())) {
            throw new IllegalArgumentException("A transfer moves one asset: " + from + " -> " + to);
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("A transfer needs two different accounts: " + from);
        }
    }

    public String asset() {
        return from.asset();
    }
}
