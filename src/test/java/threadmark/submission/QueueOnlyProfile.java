package threadmark.submission;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * No workers in this process, and short leases, so tests drive the queue by hand. The tests that need a setting of
 * their own that the others do not mind share this profile too, since every profile costs a restart of the server:
 * two live streams per user ({@code LiveStreamsTest}), no re-reading of the exercise folders while a test counts pool
 * connections ({@code LiveStatusPushTest}), a TLS-ending proxy's headers honoured ({@code SecurityHeadersTest}), and
 * an hour-long submission window, so that {@code SubmissionLimitsTest} reaches the rate limit however slow the host.
 */
public class QueueOnlyProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("threadmark.grading.enabled", "false", "threadmark.grading.lease", "2s",
                "threadmark.grading.max-attempts", "2",
                "threadmark.submissions.live-streams-per-user", "2",
                "threadmark.submissions.rate-window", "1h",
                "threadmark.exercises.watch-interval", "1h",
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true");
    }
}
