package threadmark.process;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Finding 3 of issue 14: the packaged server (production profile) does not start without a session key, rather than
 * make one up and print it in its log.
 */
class SessionKeyIT {

    @Test
    void productionRefusesToStartWithoutASessionKeyAndNamesTheVariable() {
        Map<String, String> properties = new HashMap<>(ItDatabase.serverProperties(ItDatabase.pgPort()));
        // The check comes after the database migration; any database this machine has will do.
        properties.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + ItDatabase.pgPort() + "/"
                + System.getenv().getOrDefault("THREADMARK_TEST_DB_NAME", "threadmark_test"));
        properties.put(ServerProcess.SESSION_KEY, null);
        assertThatThrownBy(() -> ServerProcess.start("no-session-key", properties).close())
                .hasMessageContaining("exited")
                .hasMessageContaining("THREADMARK_SESSION_KEY")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("temporary key"));
    }
}
