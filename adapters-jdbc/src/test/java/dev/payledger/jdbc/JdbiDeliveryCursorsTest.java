package dev.payledger.jdbc;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class JdbiDeliveryCursorsTest {
    private final JdbiDeliveryCursors cursors = JdbiDeliveryCursors.create(TestDatabase.dataSource());
    private final String consumer = "test-" + UUID.randomUUID();

    @Test
    void aNewCursorStartsAtZeroAndMovesOnlyFromWhereItIs() {
        assertThat(cursors.position(consumer)).isZero();

        assertThat(cursors.advance(consumer, 0, 5)).isTrue();
        assertThat(cursors.advance(consumer, 0, 6)).isFalse();
        assertThat(cursors.advance(consumer, 3, 9)).isFalse();
        assertThat(cursors.advance(consumer, 5, 7)).isTrue();

        assertThat(cursors.position(consumer)).isEqualTo(7);
        assertThat(JdbiDeliveryCursors.create(TestDatabase.dataSource()).position(consumer)).isEqualTo(7);
    }
}
