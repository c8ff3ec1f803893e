package threadmark.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import threadmark.submission.GradingQueue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue at internet scale (run by scripts/queue-sim.sh; not a test tier: its name ends in Bench). First 10,000
 * submissions drained by 50 simulated workers each "grading" 1-3 s, then the same burst with a 0-20 ms stand-in for
 * 10, 50, 100 and 200 workers, to find where claims per second stop rising. Each run is bounded by
 * {@code -Dqueue-sim.limit} seconds (default 600 for the first, 90 for the others). Appends its tables to
 * {@code -Dqueue-sim.out} (default target/queue-simulation.md).
 */
@QuarkusTest
@TestProfile(QueueSimulationProfile.class)
class QueueSimulationBench {

    @Inject
    GradingQueue queue;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @ConfigProperty(name = "quarkus.datasource.jdbc.max-size")
    int pool;

    @Test
    void simulate() throws Exception {
        QueueSimulation simulation = new QueueSimulation(queue, em, url, user, password);
        int jobs = Integer.getInteger("queue-sim.jobs", 10_000);
        Path out = Path.of(System.getProperty("queue-sim.out", "target/queue-simulation.md"));
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("### Run of " + Instant.now() + ", pool " + pool + " connections, " + Runtime.getRuntime()
                .availableProcessors() + " cores, load average before: " + loadAverage());
        lines.add("");
        List<QueueSimulation.Result> results = new ArrayList<>();
        boolean quiet = Boolean.getBoolean("queue-sim.without-notify");
        if (quiet) {
            // An experiment, never the product: does the queue's own NOTIFY (live status) bound the claims per second?
            lines.add("Without the grading_changed triggers (no NOTIFY: no live status), as an experiment.");
            notifications(false);
        }
        if (!Boolean.getBoolean("queue-sim.skip-main")) {
            results.add(print(simulation.run(new QueueSimulation.Settings(50, jobs, jobs / 4, 20, 1_000, 3_000,
                    Duration.ofSeconds(20), Duration.ofSeconds(Integer.getInteger("queue-sim.limit", 600))), pool), pool));
        }
        for (String workers : System.getProperty("queue-sim.workers", "10,50,100,200").split(",")) {
            results.add(print(simulation.run(new QueueSimulation.Settings(Integer.parseInt(workers.strip()), jobs,
                    jobs / 4, 20, 0, 20, Duration.ofSeconds(20),
                    Duration.ofSeconds(Integer.getInteger("queue-sim.short-limit", 90))), pool), pool));
        }
        if (quiet) {
            notifications(true);
        }
        lines.addAll(QueueSimulation.table(results));
        lines.add("");
        lines.add("Backends' wait samples (every 100 ms, active backends of this database): "
                + results.stream().map(r -> r.settings().workers() + " workers " + r.dbWaits()).toList());
        lines.add("Exceptions in claims and jobs: " + (simulation.problems.isEmpty() ? "none" : simulation.problems.size()
                + ", e.g. " + simulation.problems.stream().distinct().limit(3).toList()));
        lines.add("Load average after: " + loadAverage());
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        lines.forEach(System.out::println);
        assertThat(results).allSatisfy(r -> assertThat(r.storedTwice()).isZero());
    }

    private void notifications(boolean on) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            for (String trigger : List.of("grading_inserted", "grading_updated")) {
                em.createNativeQuery("alter table grading " + (on ? "enable" : "disable") + " trigger " + trigger)
                        .executeUpdate();
            }
        });
    }

    private static QueueSimulation.Result print(QueueSimulation.Result result, int pool) {
        QueueSimulation.table(List.of(result)).forEach(System.out::println);
        System.out.println("  waits " + result.dbWaits() + ", failed claims " + result.failedClaims()
                + ", reclaimed " + result.reclaimed() + ", seconds " + result.seconds());
        return result;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
