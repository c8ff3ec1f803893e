package threadmark.user;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Small login limits, and a fresh throttle (a server of its own) for LoginThrottleTest. */
public class LoginThrottleProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("threadmark.grading.enabled", "false", "quarkus.http.test-port", "0",
                "threadmark.accounts.logins.account-failures", "3",
                "threadmark.accounts.logins.address-failures", "40",
                "threadmark.accounts.logins.first-delay", "30s");
    }
}
