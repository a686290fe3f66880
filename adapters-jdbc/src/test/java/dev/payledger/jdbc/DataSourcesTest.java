package dev.payledger.jdbc;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataSourcesTest {

    @Test
    void anUnreachableServerIsNamedButItsPasswordIsNot() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/payledger?password=url-s3cret&connectTimeout=2";

        assertThatThrownBy(() -> DataSources.external(url, "ledger", "env-s3cret", 200))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort + "/payledger")
                .hasMessageContaining("as ledger")
                .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void aUrlInTheSettingsIsTakenOverTheEmbeddedDatabase() {
        assertThatThrownBy(() -> DataSources.fromSettings(java.util.Map.of(DataSources.URL, "jdbc:h2:mem:x")))
                .hasMessageContaining(DataSources.URL);
    }

    @Test
    void aUrlThatIsNotPostgresIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> DataSources.external("jdbc:mysql://db:3306/x?password=s3cret", "u", "p"))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("jdbc:postgresql:")
                .satisfies(failure -> assertThat(failure.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void describeKeepsHostPortAndDatabaseOnly() {
        assertThat(DataSources.describe("jdbc:postgresql://db.example.com:5432/payledger?user=a&password=b"))
                .isEqualTo("db.example.com:5432/payledger");
        assertThat(DataSources.describe("jdbc:postgresql:///payledger")).isEqualTo("localhost/payledger");
    }
}
