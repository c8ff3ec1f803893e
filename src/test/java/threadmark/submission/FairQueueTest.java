package threadmark.submission;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.exercise.Exercise;
import threadmark.grading.GradeReport;
import threadmark.user.Role;
import threadmark.user.User;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Deadline night: one student's fifth submission waits behind the others' first, and every page says so truthfully. */
@QuarkusTest
@TestProfile(QueueOnlyProfile.class)
class FairQueueTest {

    @Inject
    GradingQueue queue;

    @Inject
    GradingChanges changes;

    @Inject
    SubmissionService submissions;

    @Inject
    EntityManager em;

    @BeforeEach
    void emptyQueue() {
        QuarkusTransaction.requiringNew().run(() -> {
            TestResult.deleteAll();
            Grading.deleteAll();
            Submission.deleteAll();
        });
    }

    /** Queues {@code count} submissions of {@code student}, each committed on its own as a student's would be. */
    static List<Long> submit(String student, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(QuarkusTransaction.requiringNew().call(() -> {
                User user = User.byUsername(student).orElseGet(() -> User.create(student, "secret-password", Role.STUDENT));
                Submission submission = new Submission();
                submission.user = user;
                submission.exercise = Exercise.current("race-counter").orElseThrow();
                submission.files = Map.of("Counter.java", "public class Counter {}");
                submission.persist();
                Grading grading = Grading.firstOf(submission);
                grading.persist();
                return grading.id;
            }));
        }
        return ids;
    }

    private long regradeOf(long gradingId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Grading again = Grading.firstOf(Grading.<Grading>findById(gradingId).submission);
            again.priority = Regrades.REGRADE_PRIORITY;
            again.persist();
            return again.id;
        });
    }

    private Grading reload(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Grading.findById(id));
    }

    @Test
    void aStudentsFifthSubmissionWaitsBehindTheOthersFirstAndEveryPlaceShownIsTheClaimOrder() {
        List<Long> a = submit("fair-a", 5);
        long regrade = regradeOf(a.getFirst());
        long b = submit("fair-b", 1).getFirst();
        long c = submit("fair-c", 1).getFirst();
        List<Long> expected = List.of(a.get(0), b, c, a.get(1), a.get(2), a.get(3), a.get(4), regrade);

        long[] all = expected.stream().mapToLong(Long::longValue).toArray();
        QueueSnapshot snapshot = changes.queue(all);
        List<Long> places = new ArrayList<>();
        List<Long> waits = new ArrayList<>();
        for (long id : expected) {
            Grading grading = reload(id);
            places.add(snapshot.position(grading));
            waits.add(snapshot.estimatedWaitSeconds(grading));
        }
        assertThat(places).as("\"N ahead of you\" for each, in the order the claims will come")
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(waits).as("the wait shown grows with the place").isSorted();
        assertThat(waits.get(1)).isLessThan(waits.get(4));

        List<Long> claimed = new ArrayList<>();
        for (Optional<ClaimedJob> job = queue.claim("w"); job.isPresent(); job = queue.claim("w")) {
            claimed.add(job.get().gradingId());
        }
        assertThat(claimed).containsExactlyElementsOf(expected);
    }

    @Test
    void aFinishedGradingPassesItsStudentsTurnOnAndThePagesAreTold() throws Exception {
        List<Long> a = submit("turn-a", 3);
        ClaimedJob first = queue.claim("w").orElseThrow();
        assertThat(first.gradingId()).isEqualTo(a.getFirst());
        long d = submit("turn-d", 1).getFirst();
        // a's second waits behind d's first while a's first still runs: a has one job running already.
        assertThat(changes.queue(d, a.get(1)).position(reload(d))).isZero();

        Subscription following = changes.subscribe(QuarkusTransaction.requiringNew()
                .call(() -> Grading.<Grading>findById(a.get(1)).submission.id));
        try {
            Thread.sleep(300); // the listening connection is up before the change below
            QueueSnapshot before = changes.queue(d, a.get(1));
            assertThat(queue.complete(first, report())).isTrue();
            // Once a's first is done, a's second is a's only pending one again and, older than d's, goes first.
            long deadline = System.currentTimeMillis() + 10_000;
            QueueSnapshot after = changes.queue(d, a.get(1));
            while (after == before && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                after = changes.queue(d, a.get(1));
            }
            assertThat(after.position(reload(a.get(1)))).isZero();
            assertThat(after.position(reload(d))).isEqualTo(1);
            assertThat(turnOf(a.get(2))).isEqualTo(1);
        } finally {
            following.close();
        }
        assertThat(queue.claim("w").orElseThrow().gradingId()).isEqualTo(a.get(1));
        assertThat(queue.claim("w").orElseThrow().gradingId()).isEqualTo(d);
        assertThat(queue.claim("w").orElseThrow().gradingId()).isEqualTo(a.get(2));
    }

    private int turnOf(long gradingId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select turn from grading where id = ?1").setParameter(1, gradingId).getSingleResult()).intValue());
    }

    @Test
    void racingClaimersTakeEveryJobOnceAndStoreItOnceAndTheTurnsStayTrue() throws Exception {
        List<Long> queued = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            queued.addAll(submit("race-" + s, 2 + s));
        }
        List<Long> firstHalf = race(queued.size() / 2);
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        select id from (
                            select id, turn, row_number() over (partition by student_id, priority order by id) - 1 as earlier
                              from grading where status in ('QUEUED', 'RUNNING', 'WAITING')) pending
                         where turn <> earlier""").getResultList()))
                .as("halfway, each pending job's turn is its student's earlier pending jobs, however the finishes raced")
                .isEmpty();
        List<Long> all = new ArrayList<>(firstHalf);
        all.addAll(race(Integer.MAX_VALUE));
        assertThat(all).hasSize(queued.size());
        assertThat(new HashSet<>(all)).containsExactlyInAnyOrderElementsOf(queued);
        for (long id : queued) {
            Grading done = reload(id);
            assertThat(done.status).isEqualTo(Grading.Status.DONE);
            assertThat(done.resultsStored).isEqualTo(1);
        }
    }

    /**
     * Each finish passes the turn of the student's later jobs on; twelve at once all store and leave true turns. (The
     * deadlock an unordered pass once caused showed in the simulation run first come, first served, not here.)
     */
    @Test
    void oneStudentsGradingsFinishingAtOnceAllStoreAndLeaveTrueTurns() throws Exception {
        List<Long> mine = submit("many-at-once", 16);
        List<ClaimedJob> running = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            running.add(queue.claim("w" + i).orElseThrow());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(running.size());
        List<Future<Boolean>> stored = new ArrayList<>();
        for (ClaimedJob job : running) {
            stored.add(pool.submit(() -> {
                start.await();
                return queue.complete(job, report());
            }));
        }
        start.countDown();
        for (Future<Boolean> each : stored) {
            assertThat(each.get()).isTrue();
        }
        pool.shutdown();
        assertThat(List.of(turnOf(mine.get(12)), turnOf(mine.get(13)), turnOf(mine.get(15))))
                .as("the four left are the student's only pending ones").containsExactly(0, 1, 3);
    }

    /** 8 claimers, each in its own transactions, take, renew and store jobs until {@code budget} are taken. */
    private List<Long> race(int budget) throws Exception {
        return RacingClaimers.race(queue, 8, budget, "racer", job -> {
            assertThat(queue.renew(job)).isTrue();
            assertThat(queue.complete(job, report())).isTrue();
        });
    }

    @Test
    void theWaitShownOnSubmittingIsKeptAndCheckedAgainstWhatHappened() {
        submit("estimate-other", 3);
        User student = QuarkusTransaction.requiringNew().call(() -> User.create("estimate-student", "secret-password",
                Role.STUDENT));
        long grading = submissions.submit(student, "race-counter", Map.of("Counter.java", "public class Counter {}"),
                null).gradingId();
        Grading queued = reload(grading);
        QueueSnapshot shown = changes.queue(grading);
        assertThat(queued.estimatedWaitSeconds).as("recorded on submitting: what the page shows first")
                .isNotNull().isEqualTo(shown.estimatedWaitSeconds(queued));
        assertThat(shown.position(queued)).isEqualTo(1); // behind the other student's first only
    }

    @Test
    void theEstimatesErrorIsComputedFromTheStoredRows() {
        Instant since = Instant.now().minusSeconds(60);
        List<Long> ids = submit("accuracy", 4);
        // shown 10 s, 20 s, 30 s and 100 s; the results came after 10 s, 40 s, 30 s and 20 s
        long[][] shownAndActual = {{10, 10}, {20, 40}, {30, 30}, {100, 20}};
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < ids.size(); i++) {
                em.createNativeQuery("""
                                update grading set status = 'DONE', estimated_wait_seconds = ?2,
                                       queued_at = now() - make_interval(secs => ?3), started_at = now() - make_interval(secs => 1),
                                       finished_at = now()
                                 where id = ?1""")
                        .setParameter(1, ids.get(i)).setParameter(2, shownAndActual[i][0])
                        .setParameter(3, (double) shownAndActual[i][1]).executeUpdate();
            }
        });
        EstimateAccuracy accuracy = QuarkusTransaction.requiringNew().call(() -> EstimateAccuracy.since(em, since));
        assertThat(accuracy.gradings()).isEqualTo(4);
        // absolute errors 0, 20, 0, 80: median 10; within ±50 %: the first and the third, and 20 of 40 too
        assertThat(accuracy.medianAbsError()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(accuracy.withinHalf()).isCloseTo(0.75, org.assertj.core.data.Offset.offset(0.001));
        assertThat(accuracy.medianActual()).isCloseTo(25.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(accuracy.describe()).contains("4 gradings").contains("75 %");
    }

    @Test
    void aBurstAfterAQuietSpellIsPromisedTheQueuesBusyPaceNotTheIdleMinutes() {
        // A quiet spell: 10 gradings done a minute apart or so, 5 to 2 minutes ago.
        List<Long> quiet = submit("quiet", 10);
        // Then a burst: queued for the last 60 s, and 30 of it done since, 2 s apart.
        List<Long> burst = submit("burst", 40);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < quiet.size(); i++) {
                done(quiet.get(i), 290 - 18 * i);
            }
            for (int i = 0; i < burst.size(); i++) {
                em.createNativeQuery("update grading set queued_at = now() - interval '60 seconds' where id = ?1")
                        .setParameter(1, burst.get(i)).executeUpdate();
                if (i < 30) {
                    done(burst.get(i), 59 - 2 * i);
                }
            }
        });
        double perGrading = QuarkusTransaction.requiringNew().call(() -> QueueSnapshot.secondsPerGrading(em));
        // 30 done in the 60 s the queue was never empty: 2 s each. Over all of the last five minutes it read 7.5 s.
        assertThat(perGrading).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.1));
        Grading last = reload(burst.getLast());
        QueueSnapshot shown = changes.queue(last.id);
        assertThat(shown.position(last)).isEqualTo(9);
        assertThat(shown.estimatedWaitSeconds(last)).isBetween(19L, 21L);
    }

    @Test
    void onAQuietServerTheWaitIsOneGradingsTime() {
        List<Long> ids = submit("calm", 6);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 5; i++) {
                // each took 3 s, finished minutes apart
                em.createNativeQuery("""
                                update grading set status = 'DONE', started_at = now() - make_interval(secs => ?2 + 3),
                                       finished_at = now() - make_interval(secs => ?2) where id = ?1""")
                        .setParameter(1, ids.get(i)).setParameter(2, 60.0 * (i + 1)).executeUpdate();
            }
        });
        Grading queued = reload(ids.getLast());
        assertThat(changes.queue(queued.id).estimatedWaitSeconds(queued)).isEqualTo(3L);
    }

    private void done(long gradingId, double secondsAgo) {
        em.createNativeQuery("""
                        update grading set status = 'DONE', started_at = now() - make_interval(secs => ?2 + 1),
                               finished_at = now() - make_interval(secs => ?2) where id = ?1""")
                .setParameter(1, gradingId).setParameter(2, secondsAgo).executeUpdate();
    }

    private static GradeReport report() {
        return new GradeReport(GradeReport.Outcome.TESTED, "test", 100, 100, List.of(), List.of(), "",
                Map.of("runMillis", 1L));
    }
}
