package threadmark.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.exercise.Exercise;
import threadmark.grading.GradeReport;
import threadmark.grading.Unmeasured;
import threadmark.user.Role;
import threadmark.user.User;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class GradingQueueTest {

    @Inject
    GradingQueue queue;

    @Inject
    GradingChanges changes;

    @BeforeEach
    void emptyQueue() {
        QuarkusTransaction.requiringNew().run(() -> {
            TestResult.deleteAll();
            Grading.deleteAll();
            Submission.deleteAll();
        });
    }

    List<Long> enqueue(int count) {
        return QuarkusTransaction.requiringNew().call(() -> insert(count));
    }

    private static List<Long> insert(int count) {
        User user = User.byUsername("queue-student").orElseGet(() -> User.create("queue-student", "secret-password", Role.STUDENT));
        Exercise exercise = Exercise.current("race-counter").orElseThrow();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Submission submission = new Submission();
            submission.user = user;
            submission.exercise = exercise;
            submission.files = Map.of("Counter.java", "public class Counter {}");
            submission.persist();
            Grading grading = Grading.firstOf(submission);
            grading.persist();
            ids.add(grading.id);
        }
        return ids;
    }

    Grading reload(long id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Grading grading = Grading.findById(id);
            grading.results.size();
            return grading;
        });
    }

    @Test
    void regradesWaitBehindStudentsAndQueuedStudentsSeeTheirPlaceAndAWait() throws Exception {
        List<Long> first = enqueue(1);
        long regrade = QuarkusTransaction.requiringNew().call(() -> {
            Grading old = Grading.findById(first.getFirst());
            Grading again = Grading.firstOf(old.submission);
            again.priority = Regrades.REGRADE_PRIORITY;
            again.persist();
            return again.id;
        });
        long later = enqueue(1).getFirst();
        QueueSnapshot snapshot = changes.queue(later, regrade);
        Grading student = reload(later);
        Grading staff = reload(regrade);
        assertThat(snapshot.position(student)).isEqualTo(1);
        assertThat(snapshot.position(staff)).as("the regrade was queued first but waits").isEqualTo(2);
        assertThat(snapshot.estimatedWaitSeconds(student)).isPositive();
        assertThat(snapshot.estimatedWaitSeconds(staff)).isGreaterThan(snapshot.estimatedWaitSeconds(student));
        assertThat(queue.claim("w").orElseThrow().gradingId()).isEqualTo(first.getFirst());
        assertThat(queue.claim("w").orElseThrow().gradingId()).isEqualTo(later);
        assertThat(queue.claim("w").orElseThrow().gradingId()).isEqualTo(regrade);
        assertThat(changes.queue().estimatedWaitSeconds(reload(later))).as("a grading that left the queue").isNull();
    }

    @Test
    void concurrentWorkersNeverClaimTheSameJob() throws Exception {
        List<Long> queued = enqueue(40);
        List<Long> all = RacingClaimers.race(queue, 8, Integer.MAX_VALUE, "worker", job -> { });
        assertThat(all).hasSize(queued.size());
        assertThat(new HashSet<>(all)).containsExactlyInAnyOrderElementsOf(queued);
    }

    @Test
    void aWorkerWithFewerCoresThanTheExerciseAsksForLeavesItsJobs() {
        long id = enqueue(1).getFirst();
        // race-counter asks for 2 CPUs: on one core its race test can miss the race.
        assertThat(queue.claim("one-core-worker", 1)).isEmpty();
        assertThat(queue.claim("two-core-worker", 2).orElseThrow().gradingId()).isEqualTo(id);
    }

    @Test
    void jobOfADeadWorkerIsRetakenAfterItsLeaseAndTheDeadWorkersResultIsDiscarded() throws Exception {
        long id = enqueue(1).getFirst();
        ClaimedJob dead = queue.claim("dead-worker").orElseThrow();
        assertThat(dead.gradingId()).isEqualTo(id);
        assertThat(queue.claim("live-worker")).as("leased job must not be handed out twice").isEmpty();

        Thread.sleep(2_500);
        ClaimedJob retaken = queue.claim("live-worker").orElseThrow();
        assertThat(retaken.gradingId()).isEqualTo(id);
        assertThat(retaken.attempt()).isEqualTo(2);

        assertThat(queue.renew(dead)).isFalse();
        assertThat(queue.complete(dead, report(10))).as("stale lease holder").isFalse();
        assertThat(queue.complete(retaken, report(100))).isTrue();
        Grading done = reload(id);
        assertThat(done.status).isEqualTo(Grading.Status.DONE);
        assertThat(done.score).isEqualTo(100.0);
        assertThat(done.results).hasSize(1);
    }

    @Test
    void renewedLeaseKeepsTheJob() throws Exception {
        enqueue(1);
        ClaimedJob job = queue.claim("worker").orElseThrow();
        for (int i = 0; i < 3; i++) {
            Thread.sleep(1_000);
            assertThat(queue.renew(job)).isTrue();
        }
        assertThat(queue.claim("other")).isEmpty();
    }

    @Test
    void jobThatKeepsFailingEndsInErrorInsteadOfLoopingForever() {
        long id = enqueue(1).getFirst();
        ClaimedJob first = queue.claim("w").orElseThrow();
        queue.fail(first, "engine unreachable");
        assertThat(reload(id).status).isEqualTo(Grading.Status.QUEUED);
        ClaimedJob second = queue.claim("w").orElseThrow();
        queue.fail(second, "engine unreachable");
        Grading failed = reload(id);
        assertThat(failed.status).isEqualTo(Grading.Status.ERROR);
        assertThat(failed.summary).contains("engine unreachable").contains("submission is kept");
        assertThat(queue.claim("w")).isEmpty();
    }

    private static GradeReport report(double score) {
        return new GradeReport(GradeReport.Outcome.TESTED, "test", score, 100, List.of(),
                List.of(new GradeReport.TestVerdict("CounterRaceTest#noLostUpdatesUnderContention", "noLostUpdatesUnderContention()",
                        score == 100 ? GradeReport.Status.PASSED : GradeReport.Status.FAILED, score, 100, false, null, null, 5)),
                "", Map.of("runMillis", 1L));
    }

    /**
     * A run that could not measure a test (a busy machine) is neither a result nor a fault: the job waits out its
     * back-off, unclaimable until then, its attempt is given back, only the lease holder may store it, and after
     * {@code max-runs} such runs (3 in %test) the last one is stored once as the final verdict.
     */
    @Test
    void aBusyRunWaitsOutItsBackOffUsesNoAttemptAndEndsInOneFinalVerdict() throws Exception {
        long id = enqueue(1).getFirst();
        GradeReport busy = busyReport();

        ClaimedJob first = queue.claim("w1").orElseThrow();
        assertThat(queue.awaitFairMeasurement(new ClaimedJob(id, "w0/stale", 1), busy)).isFalse();
        assertThat(queue.awaitFairMeasurement(first, busy)).isTrue();
        Grading waiting = reload(id);
        assertThat(waiting.status).isEqualTo(Grading.Status.WAITING);
        assertThat(waiting.isProvisional()).isTrue();
        assertThat(waiting.attempts).isZero();
        assertThat(waiting.remeasures).isEqualTo(1);
        assertThat(waiting.remeasureAt).isBetween(java.time.Instant.now().plusMillis(1000), java.time.Instant.now().plusMillis(2100));
        assertThat(waiting.score).isEqualTo(50.0);
        assertThat(waiting.results).extracting(r -> r.status)
                .containsExactly(GradeReport.Status.UNMEASURED, GradeReport.Status.PASSED);
        assertThat(queue.claim("w1")).as("not due before its back-off").isEmpty();

        Thread.sleep(2_200);
        ClaimedJob second = queue.claim("w1").orElseThrow();
        assertThat(second.attempt()).as("busy runs use no attempt").isEqualTo(1);
        assertThat(queue.awaitFairMeasurement(second, busy)).isTrue();
        assertThat(reload(id).remeasureAt).as("twice the first delay")
                .isAfter(java.time.Instant.now().plusMillis(3000));
        Thread.sleep(4_200);
        ClaimedJob third = queue.claim("w1").orElseThrow();
        assertThat(third.attempt()).isEqualTo(1);
        assertThat(queue.awaitFairMeasurement(third, busy)).isTrue();

        Grading done = reload(id);
        assertThat(done.status).isEqualTo(Grading.Status.DONE);
        assertThat(done.resultsStored).isEqualTo(1);
        assertThat(done.remeasures).isEqualTo(3);
        assertThat(done.isProvisional()).isFalse();
        assertThat(done.score).isEqualTo(50.0);
        assertThat(done.summary).startsWith("50 of 100 points.").contains("through 3 runs");
        assertThat(done.results).extracting(r -> r.status)
                .containsExactly(GradeReport.Status.ABORTED, GradeReport.Status.PASSED);
        assertThat(queue.claim("w1")).isEmpty();
    }

    private static GradeReport busyReport() {
        List<GradeReport.TestVerdict> tests = List.of(
                new GradeReport.TestVerdict("CounterTest#speedup", "speedup()", GradeReport.Status.UNMEASURED, 0, 50,
                        false, Unmeasured.waitingMessage("Inconclusive measurement: busy"), null, 5),
                new GradeReport.TestVerdict("CounterTest#counts", "counts()", GradeReport.Status.PASSED, 50, 50,
                        true, null, null, 5));
        return new GradeReport(GradeReport.Outcome.TESTED, Unmeasured.pointsSoFar("50 of 100") + " "
                + Unmeasured.othersPassed(1) + " " + Unmeasured.waitingNote(tests.subList(0, 1)), 50, 100, List.of(),
                tests, "", Map.of("runMillis", 1L));
    }
}
