package threadmark.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;

/** A pool with no connection to lend within its timeout is a busy server (503, try again), not a bug (500). */
class DatabaseOutageTest {

    @Test
    void anExhaustedPoolIsAnOutageAndABadQueryIsNot() {
        assertThat(DatabaseOutage.causedBy(new GenericJDBCException("Unable to acquire JDBC Connection",
                new SQLException("Sorry, acquisition timeout!")))).isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLException("connection refused", "08001"))).isTrue();
        assertThat(DatabaseOutage.causedBy(new GenericJDBCException("bad query",
                new SQLException("syntax error at or near \"form\"", "42601")))).isFalse();
    }
}
