package dev.payledger.core;

import dev.payledger.core.inmemory.InMemoryPersistence;
import dev.payledger.core.testing.BatchEquivalenceProperties;

class InMemoryBatchEquivalenceProperties extends BatchEquivalenceProperties {
    @Override
    protected Persistence freshPersistence() {
        return InMemoryPersistence.create();
    }
}
