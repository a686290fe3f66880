package dev.payledger.jdbc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeTest {
    @Test
    void embeddedDatabaseAnswers() {
        String version = TestDatabase.jdbi().withHandle(h -> h.createQuery("select version()").mapTo(String.class).one());
        assertThat(version)
                .contains("PostgreSQL");
    }
}
