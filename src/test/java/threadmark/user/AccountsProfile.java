package threadmark.user;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Path;
import java.util.Map;

/**
 * A first start as in production: no instructor password configured, a forced change; the log kept in a file. Login
 * throttling as in production too (the test configuration lifts the address limit), with {@code X-Forwarded-For}
 * honoured so that {@link LoginThrottleTest} throttles addresses of its own.
 */
public class AccountsProfile implements QuarkusTestProfile {

    /** Per JVM, so that the profile and the test (loaded by different class loaders) agree on it. */
    static final Path LOG = Path.of("target", "accounts-test-" + ProcessHandle.current().pid() + ".log");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("threadmark.grading.enabled", "false",
                "threadmark.accounts.logins.address-failures", "40",
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true",
                "threadmark.accounts.bootstrap.instructor-password", "",
                "threadmark.accounts.bootstrap.require-password-change", "true",
                "quarkus.log.file.enabled", "true", "quarkus.http.test-port", "0",
                "quarkus.log.file.path", LOG.toString());
    }
}
