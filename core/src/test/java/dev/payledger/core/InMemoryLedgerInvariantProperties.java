package dev.payledger.core;

import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.testing.LedgerInvariantProperties;

class InMemoryLedgerInvariantProperties extends LedgerInvariantProperties {
    @Override
    protected Persistence freshPersistence() {
        return InMemoryPersistence.create();
    }
}
