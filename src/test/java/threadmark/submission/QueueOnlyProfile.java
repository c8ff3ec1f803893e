package threadmark.submission;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** No workers in this process, and short leases, so tests drive the queue by hand. */
public class QueueOnlyProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("threadmark.grading.enabled", "false", "threadmark.grading.lease", "2s",
                "threadmark.grading.max-attempts", "2");
    }
}
