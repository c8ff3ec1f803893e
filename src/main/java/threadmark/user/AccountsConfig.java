package threadmark.user;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.Optional;

/** The first account, and how logins are throttled. */
@ConfigMapping(prefix = "threadmark.accounts")
public interface AccountsConfig {

    Bootstrap bootstrap();

    Logins logins();

    interface Bootstrap {
        /** The instructor a first start (no users at all) creates. */
        String instructorUsername();

        /** Their password; without one a first start generates a one-time password and prints it once. */
        Optional<String> instructorPassword();

        /** Whether that password must be changed at the first login (off only for test harnesses). */
        boolean requirePasswordChange();
    }

    interface Logins {
        /** Failed logins in a row one account may have before each further attempt must wait. */
        int accountFailures();

        /** Failed logins from one address (any accounts) within {@link #window()} before it must wait. */
        int addressFailures();

        /** How long failures are remembered. */
        Duration window();

        /** The first wait; each further failure doubles it, up to {@link #maxDelay()}. */
        Duration firstDelay();

        Duration maxDelay();
    }
}
