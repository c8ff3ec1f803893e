package threadmark.user;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The first account, and how logins are throttled. */
@ConfigMapping(prefix = "threadmark.accounts")
public interface AccountsConfig {

    Bootstrap bootstrap();

    Logins logins();

    interface Bootstrap {
        /** The instructor a first start (no users at all) creates. */
        @WithDefault("instructor")
        String instructorUsername();

        /** Their password; without one a first start generates a one-time password and prints it once. */
        Optional<String> instructorPassword();

        /** Whether that password must be changed at the first login (off only for test harnesses). */
        @WithDefault("true")
        boolean requirePasswordChange();
    }

    interface Logins {
        /** Failed logins in a row one account may have before each further attempt must wait. */
        @WithDefault("5")
        int accountFailures();

        /** Failed logins from one address (any accounts) within {@link #window()} before it must wait. */
        @WithDefault("30")
        int addressFailures();

        /** How long failures are remembered. */
        @WithDefault("15m")
        Duration window();

        /** The first wait; each further failure doubles it, up to {@link #maxDelay()}. */
        @WithDefault("30s")
        Duration firstDelay();

        @WithDefault("15m")
        Duration maxDelay();
    }
}
