package threadmark.submission;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import threadmark.exercise.Exercise;
import threadmark.format.TestBundle;
import threadmark.grading.GradeReport;
import threadmark.grading.GradingInput;
import threadmark.grading.Unmeasured;
import threadmark.sandbox.ProcessOwner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable job queue, in PostgreSQL. Workers claim with {@code FOR UPDATE SKIP LOCKED} and a lease;
 * a job whose lease ran out (its worker died) is claimed again; a result is stored only by the holder
 * of the current lease, so a job is graded exactly once in effect.
 */
@ApplicationScoped
public class GradingQueue {

    /**
     * Regrades last, then each student's first pending job before anyone's second ({@code turn}: the student's earlier
     * jobs still waiting or running, kept by the triggers of migration V18), then arrival. Index {@code grading_queue}
     * is in this order, so a claim reads the head of the index instead of sorting the queue.
     */
    static final String CLAIM_ORDER = "priority, turn, id";

    @Inject
    EntityManager em;

    @Inject
    GradingConfig config;

    @Inject
    Event<GradingStored> stored;

    @Inject
    GradingMetrics metrics;

    public Optional<ClaimedJob> claim(String workerId) {
        return claim(workerId, Integer.MAX_VALUE);
    }

    /**
     * Claims the next job whose exercise needs at most {@code cores} CPUs. A worker with fewer cores than an
     * exercise asks for leaves its jobs to one that has them: run on fewer, a race test can miss the race (a racy
     * counter passed on one core) and a speedup cannot be measured.
     */
    @Transactional
    public Optional<ClaimedJob> claim(String workerId, int cores) {
        giveUpOnExhausted();
        String token = workerId + "/" + UUID.randomUUID();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        update grading g
                           set status = 'RUNNING', lease_owner = :token, attempts = g.attempts + 1,
                               lease_expires_at = now() + make_interval(secs => :lease),
                               started_at = coalesce(g.started_at, now())
                         where g.id = (select q.id from grading q join exercise e on e.id = q.exercise_id
                                        where (q.status = 'QUEUED'
                                               or (q.status = 'WAITING' and q.remeasure_at <= now())
                                               or (q.status = 'RUNNING' and q.lease_expires_at < now()))
                                          and ceil(coalesce((e.definition -> 'limits' ->> 'cpus')::numeric, 1)) <= :cores
                                        order by q.priority, q.turn, q.id
                                        limit 1
                                        for update of q skip locked)
                        returning g.id, g.attempts""")
                .setParameter("token", token)
                .setParameter("cores", cores)
                .setParameter("lease", (double) config.lease().toSeconds())
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.getFirst();
        int attempt = ((Number) row[1]).intValue();
        metrics.claimed(attempt);
        return Optional.of(new ClaimedJob(((Number) row[0]).longValue(), token, attempt));
    }

    private void giveUpOnExhausted() {
        int failed = em.createNativeQuery("""
                        update grading
                           set status = 'ERROR', finished_at = now(), lease_owner = null,
                               summary = 'Grading failed ' || attempts || ' times on the server side; your submission is kept. Please ask your instructor to regrade it.'
                         where status = 'RUNNING' and lease_expires_at < now() and attempts >= :max""")
                .setParameter("max", config.maxAttempts())
                .executeUpdate();
        if (failed > 0) {
            Log.warnf("%d grading job(s) exhausted their attempts and were marked ERROR", failed);
            metrics.exhausted(failed);
        }
    }

    /** Extends the lease; false means it was lost and the result must not be stored. */
    @Transactional
    public boolean renew(ClaimedJob job) {
        return em.createNativeQuery("""
                        update grading set lease_expires_at = now() + make_interval(secs => :lease)
                         where id = :id and lease_owner = :token and status = 'RUNNING'""")
                .setParameter("lease", (double) config.lease().toSeconds())
                .setParameter("id", job.gradingId())
                .setParameter("token", job.leaseToken())
                .executeUpdate() == 1;
    }

    /** The job got its cores and its container is being made: from here on it is no longer waiting. */
    @Transactional
    public void started(ClaimedJob job) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        update grading set started_at = now() where id = :id and lease_owner = :token
                        returning extract(epoch from now() - queued_at), attempts, remeasures""")
                .setParameter("id", job.gradingId())
                .setParameter("token", job.leaseToken())
                .getResultList();
        // Only a job's first run waited in the queue alone; a retry's or a remeasure's wait includes earlier runs.
        if (!rows.isEmpty() && ((Number) rows.getFirst()[1]).intValue() == 1
                && ((Number) rows.getFirst()[2]).intValue() == 0) {
            metrics.started(((Number) rows.getFirst()[0]).doubleValue());
        }
    }

    /** Loads what the grader needs, detached from the persistence context. */
    @Transactional
    public GradingInput input(ClaimedJob job) {
        Grading grading = Grading.findById(job.gradingId());
        Submission submission = grading.submission;
        Exercise exercise = grading.exercise;
        return new GradingInput("s" + submission.id + "-g" + grading.id + "-a" + job.attempt(), exercise.definition,
                TestBundle.unpack(exercise.testBundle), Map.copyOf(submission.files));
    }

    /** Stores the verdict if the lease is still ours; returns whether it was stored. */
    @Transactional
    public boolean complete(ClaimedJob job, GradeReport report) {
        Grading grading = held(job);
        if (grading == null) {
            return false;
        }
        finish(grading, job, report);
        return true;
    }

    /**
     * A run in which some test could not be measured fairly (a busy machine): its results are stored as provisional
     * and the grading waits, with back-off, to be measured again; the run uses up none of the attempts meant for
     * platform faults. Once {@link GradingConfig.Remeasure} says the wait is over, the run becomes the final verdict
     * and the unmeasured tests earn nothing. Returns whether the lease was still ours.
     */
    @Transactional
    public boolean awaitFairMeasurement(ClaimedJob job, GradeReport report) {
        Grading grading = held(job);
        if (grading == null) {
            return false;
        }
        Instant now = Instant.now();
        grading.remeasures++;
        if (grading.firstUnmeasuredAt == null) {
            grading.firstUnmeasuredAt = now;
        }
        Duration since = Duration.between(grading.firstUnmeasuredAt, now);
        GradingConfig.Remeasure policy = config.remeasure();
        metrics.remeasured(policy.exhausted(grading.remeasures, since));
        if (policy.exhausted(grading.remeasures, since)) {
            Log.infof("grading %d: still unmeasured after %d busy run(s) over %s; final verdict without them",
                    grading.id, grading.remeasures, since);
            finish(grading, job, Unmeasured.finalVerdict(report, grading.remeasures, since));
            return true;
        }
        store(grading, report);
        grading.status = Grading.Status.WAITING;
        grading.remeasureAt = now.plus(policy.delayAfter(grading.remeasures));
        grading.attempts = Math.max(grading.attempts - 1, 0);
        grading.leaseOwner = null;
        grading.leaseExpiresAt = null;
        announce(grading, true);
        Log.infof("grading %d: busy run %d could not measure %s fairly; measured again at %s", grading.id,
                grading.remeasures, report.unmeasured().stream().map(GradeReport.TestVerdict::id).toList(),
                grading.remeasureAt);
        return true;
    }

    private Grading held(ClaimedJob job) {
        Grading grading = em.find(Grading.class, job.gradingId(), LockModeType.PESSIMISTIC_WRITE);
        if (grading == null || grading.status != Grading.Status.RUNNING || !job.leaseToken().equals(grading.leaseOwner)) {
            Log.warnf("grading %d: lease lost before completion; result discarded", job.gradingId());
            return null;
        }
        return grading;
    }

    private void finish(Grading grading, ClaimedJob job, GradeReport report) {
        store(grading, report);
        grading.status = Grading.Status.DONE;
        grading.gradedBy = job.workerId();
        grading.resultsStored++;
        grading.finishedAt = Instant.now();
        grading.remeasureAt = null;
        grading.leaseOwner = null;
        grading.leaseExpiresAt = null;
        metrics.finished(report.outcome(), grading.queuedAt, grading.finishedAt, grading.isRegrade());
        announce(grading, false);
    }

    private void announce(Grading grading, boolean provisional) {
        Submission submission = grading.submission;
        stored.fire(new GradingStored(grading.id, submission.id, submission.user.id, submission.exercise.slug,
                provisional));
    }

    private void store(Grading grading, GradeReport report) {
        metrics.stored(report.timings(), grading.startedAt, Instant.now());
        grading.outcome = report.outcome();
        grading.summary = report.summary();
        grading.score = report.score();
        grading.maxScore = report.maxScore();
        grading.output = report.output();
        grading.compileErrors = report.compileErrors();
        grading.timings = report.timings();
        grading.results.clear();
        report.tests().forEach(t -> grading.results.add(TestResult.of(grading, t)));
    }

    /**
     * Puts back the jobs held by server processes of this host that are gone (a crash, a {@code kill -9}), so they
     * are graded now rather than when their lease runs out. Jobs of other hosts wait for their lease: a process on
     * another machine cannot be seen from here.
     */
    @Transactional
    public int releaseJobsOfDeadProcesses() {
        @SuppressWarnings("unchecked")
        List<Object[]> held = em.createNativeQuery(
                "select id, lease_owner from grading where status = 'RUNNING' and lease_owner is not null").getResultList();
        int released = 0;
        for (Object[] row : held) {
            String token = (String) row[1];
            boolean dead = token.indexOf('/') > 0 && ProcessOwner.parse(token.substring(0, token.indexOf('/')))
                    .map(ProcessOwner::isDeadOnThisHost).orElse(false);
            if (dead) {
                released += em.createNativeQuery("""
                                update grading set status = 'QUEUED', lease_owner = null, lease_expires_at = null
                                 where id = :id and status = 'RUNNING' and lease_owner = :token""")
                        .setParameter("id", ((Number) row[0]).longValue())
                        .setParameter("token", token)
                        .executeUpdate();
            }
        }
        return released;
    }

    /** This process is stopping: the job goes back to the queue and the attempt does not count. */
    @Transactional
    public void release(ClaimedJob job) {
        em.createNativeQuery("""
                        update grading set status = 'QUEUED', lease_owner = null, lease_expires_at = null,
                               attempts = greatest(attempts - 1, 0)
                         where id = :id and status = 'RUNNING' and lease_owner = :token""")
                .setParameter("id", job.gradingId())
                .setParameter("token", job.leaseToken())
                .executeUpdate();
    }

    /** The grader itself failed: retry later, or give up after the last attempt. */
    @Transactional
    public void fail(ClaimedJob job, String reason) {
        Grading grading = em.find(Grading.class, job.gradingId(), LockModeType.PESSIMISTIC_WRITE);
        if (grading == null || !job.leaseToken().equals(grading.leaseOwner)) {
            return;
        }
        grading.leaseOwner = null;
        grading.leaseExpiresAt = null;
        metrics.faulted(job.attempt() >= config.maxAttempts());
        if (job.attempt() >= config.maxAttempts()) {
            grading.status = Grading.Status.ERROR;
            grading.finishedAt = Instant.now();
            grading.summary = "Grading failed on the server side (" + reason + "). Your submission is kept; "
                    + "please ask your instructor to regrade it.";
        } else {
            grading.status = Grading.Status.QUEUED;
        }
    }
}
