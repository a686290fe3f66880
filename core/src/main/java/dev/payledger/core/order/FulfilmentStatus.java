package dev.payledger.core.order;

import java.util.EnumSet;
import java.util.Set;

/** {@code PLACED → CONFIRMED → SHIPPED → DELIVERED}; {@code PLACED | CONFIRMED → CANCELLED}. */
public enum FulfilmentStatus {
    PLACED, CONFIRMED, SHIPPED, DELIVERED, CANCELLED;

    public Set<FulfilmentStatus> next() {
        return switch (this) {
            case PLACED -> EnumSet.of(CONFIRMED, CANCELLED);
            case CONFIRMED -> EnumSet.of(SHIPPED, CANCELLED, DELIVERED);
            case SHIPPED -> EnumSet.of(DELIVERED);
            case DELIVERED, CANCELLED -> EnumSet.noneOf(FulfilmentStatus.class);
        };
    }

    public boolean canMoveTo(FulfilmentStatus target) {
        return next().contains(target);
    }
}
