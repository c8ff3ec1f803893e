package threadmark.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Locale;

/** Tells an unreachable database (a 503: try again) from a bug (a 500). */
final class DatabaseOutage {

    private DatabaseOutage() {
    }

    static boolean causedBy(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                // SQLState class 08 is "connection exception"; the pool reports an exhausted wait without a state, as
                // "Sorry, acquisition timeout!" (Agroal).
                String state = sql.getSQLState();
                if ((state != null && state.startsWith("08"))
                        || (sql.getMessage() != null
                            && sql.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout"))) {
                    return true;
                }
            }
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
