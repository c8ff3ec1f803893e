package threadmark.user;

import java.time.Duration;

/**
 * Why a login was refused unchecked: the account or the address must wait ({@link LoginThrottle}). It travels as the
 * cause of an AuthenticationFailedException, which Quarkus does not let us extend.
 */
public class LoginThrottledException extends RuntimeException {

    private final long waitSeconds;

    public LoginThrottledException(Duration wait) {
        super("too many failed logins");
        this.waitSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public long waitSeconds() {
        return waitSeconds;
    }
}
