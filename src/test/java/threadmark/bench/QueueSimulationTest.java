package threadmark.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import threadmark.submission.GradingQueue;
import threadmark.submission.QueueOnlyProfile;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue simulation in small (the full one: scripts/queue-sim.sh): 8 simulated workers drain 400 jobs through the
 * real queue. One student sent 100 of them before the 300 others of 100 classmates arrived.
 */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class QueueSimulationTest {

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

    @Test
    void eightWorkersStoreEachOf400JobsOnceAndTheStudentWhoSentAHundredFirstDoesNotHoldUpTheClass() throws Exception {
        QueueSimulation.Settings settings = new QueueSimulation.Settings(8, 400, 100, 100, 5, 25,
                Duration.ofMillis(600), Duration.ofSeconds(45));
        QueueSimulation.Result result = new QueueSimulation(queue, em, url, user, password).run(settings, 16);

        assertThat(result.stored()).as("every job stored once").isEqualTo(400);
        assertThat(result.notStored()).as("none lost").isZero();
        assertThat(result.storedTwice()).isZero();
        assertThat(result.claims()).as("claimed once each: no lease lapsed").isEqualTo(400);
        assertThat(new HashSet<>(result.claimOrder().stream().map(QueueSimulation.Claim::gradingId).toList()))
                .hasSize(400);
        // First come, first served would hand the heavy student all of the first 100 claims. Fairly, that student has
        // at most one job running while classmates' first jobs wait: about one claim in eight workers'.
        List<QueueSimulation.Claim> first = result.claimOrder().subList(0, 100);
        long heavy = first.stream().filter(c -> c.studentId() == result.heavyStudent()).count();
        assertThat(heavy).as("the heavy student's share of the first 100 claims").isBetween(1L, 40L);
    }
}
