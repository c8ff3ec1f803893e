package threadmark.bench;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The full queue simulation (QueueSimulationBench, never in the test tiers): no grading workers of the server's own,
 * the production lease (60 s, renewed every 20 s) instead of the tests' 2 s, and the pool size the run asks for
 * ({@code -Dqueue-sim.pool}, default 16 as in production): each real grading host has a pool of its own, one process
 * of simulated workers shares one.
 */
public class QueueSimulationProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("threadmark.grading.enabled", "false", "threadmark.grading.lease", "60s",
                "quarkus.datasource.jdbc.max-size", System.getProperty("queue-sim.pool", "16"),
                "threadmark.exercises.watch-interval", "1h");
    }
}
