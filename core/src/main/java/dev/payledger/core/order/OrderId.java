package dev.payledger.core.order;

import dev.payledger.core.common.Require;

public record OrderId(String value) {
    public OrderId {
        Require.token(value, "order id", 64);
    }

    @Override
    public String toString() {
        return value;
    }
}
