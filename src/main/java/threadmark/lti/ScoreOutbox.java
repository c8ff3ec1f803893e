package threadmark.lti;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import threadmark.course.Assignment;
import threadmark.course.Course;
import threadmark.course.CourseAccess;
import threadmark.course.Enrolment;
import threadmark.course.GradeRulesChanged;
import threadmark.gradebook.GradebookService;
import threadmark.submission.Grading;
import threadmark.submission.GradingStored;
import threadmark.user.User;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the outbox of Assignment and Grade Services in step with the score that counts: for every resource link of an
 * assignment and every enrolled student the platform knows, one {@link ScorePost} row holds the newest counted score,
 * as the gradebook computes it. A changed score makes the row PENDING again with a higher version; an unchanged one
 * leaves it alone, so a SENT score is never sent twice. Causes of change arrive as events from the packages below;
 * a periodic reconciliation catches any that were missed (a crash between a grading's commit and its observer).
 */
@ApplicationScoped
public class ScoreOutbox {

    @Inject
    GradebookService gradebook;

    @Inject
    EntityManager em;

    @Inject
    Event<ScoresQueued> queued;

    /**
     * A grading finished: after it committed, in a transaction of its own, so that nothing here can hold up or undo a
     * grading. A failure here is logged and left to the reconciliation.
     */
    void gradingStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) GradingStored finished) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                List<Assignment> assignments = Assignment.list("select a from Assignment a where a.exerciseSlug = ?1 "
                        + "and a.course in (select e.course from Enrolment e where e.user.id = ?2) "
                        + "and exists (select 1 from LtiResourceLink l where l.assignment = a "
                        + "and l.lineItemUrl is not null)",
                        finished.exerciseSlug(), finished.userId());
                int changed = 0;
                for (Assignment assignment : assignments) {
                    changed += refresh(assignment, finished.userId());
                }
                announce(changed);
            });
        } catch (RuntimeException e) {
            Log.warnf(e, "lti: scores after grading %d not queued; the reconciliation will", finished.gradingId());
        }
    }

    /** The course's rules changed: in the same transaction as the change. */
    void gradeRulesChanged(@Observes GradeRulesChanged change) {
        List<Assignment> assignments = change.assignmentId() != null
                ? Assignment.list("id = ?1", change.assignmentId())
                : Assignment.list("course.id = ?1", change.courseId());
        int changed = 0;
        for (Assignment assignment : assignments) {
            changed += refresh(assignment, change.userId());
        }
        announce(changed);
    }

    @Scheduled(every = "${threadmark.lti.scores.reconcile-every}", delayed = "${threadmark.lti.scores.reconcile-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcileNow() {
        int changed = reconcile();
        if (changed > 0) {
            Log.infof("lti: the reconciliation found %d score(s) the outbox had missed", changed);
        }
    }

    /** Compares the counted scores of every linked assignment with the outbox; returns the rows it changed. */
    @Transactional
    public int reconcile() {
        List<Assignment> linked = Assignment.list("select distinct l.assignment from LtiResourceLink l "
                + "where l.assignment is not null and l.lineItemUrl is not null");
        int changed = 0;
        for (Assignment assignment : linked) {
            changed += refresh(assignment, null);
        }
        announce(changed);
        return changed;
    }

    /** Brings the rows of one assignment (one student's, with {@code userId}) up to date; returns the rows changed. */
    @Transactional
    public int refresh(Assignment assignment, Long userId) {
        List<LtiResourceLink> links = LtiResourceLink.of(assignment);
        if (links.isEmpty()) {
            return 0;
        }
        List<User> students = userId == null
                ? Enrolment.<Enrolment>list("course = ?1", assignment.course).stream().map(e -> e.user).toList()
                : User.<User>list("id = ?1 and exists (select 1 from Enrolment e where e.user.id = ?1 "
                        + "and e.course = ?2)", userId, assignment.course);
        if (students.isEmpty()) {
            return 0;
        }
        GradebookService.Counted counted = gradebook.counted(assignment, students);
        double maximum = counted.maxPoints() > 0 ? counted.maxPoints() : 100;
        Set<Long> provisional = provisional(assignment, students);
        int changed = 0;
        for (LtiResourceLink link : links) {
            for (Long student : knownAt(link.context.deployment.platform, students)) {
                changed += upsert(link.id, student, counted.points().get(student), maximum,
                        provisional.contains(student) ? "Pending" : "FullyGraded");
            }
        }
        return changed;
    }

    /**
     * Students with a provisional result on the assignment (a busy host left a test unmeasured): the score that counts
     * may still change, which AGS says with gradingProgress Pending.
     */
    private static Set<Long> provisional(Assignment assignment, List<User> students) {
        return new LinkedHashSet<>(Grading.getEntityManager().createQuery("select distinct s.user.id from Grading g "
                        + "join g.submission s where s.exercise.slug = ?1 and s.user in ?2 and s.practice = false "
                        + "and g.status in ?3 and g.remeasures > 0 and g.score is not null", Long.class)
                .setParameter(1, assignment.exerciseSlug).setParameter(2, students)
                .setParameter(3, List.of(Grading.Status.WAITING, Grading.Status.RUNNING, Grading.Status.QUEUED))
                .getResultList());
    }

    /** The students the platform can be told about: those it named to us (by a launch or a roster sync). */
    private static Set<Long> knownAt(LtiPlatform platform, List<User> students) {
        return new LinkedHashSet<>(User.getEntityManager().createQuery("select i.user.id from ExternalIdentity i "
                        + "where i.issuer = ?1 and i.user in ?2", Long.class)
                .setParameter(1, platform.issuer).setParameter(2, students).getResultList());
    }

    /**
     * One statement per row, so that two transactions changing the same student's score at once cannot both insert;
     * a row changes only when its value does. A score that stops counting (a policy change) is cleared at the LMS.
     */
    private int upsert(long link, long user, Double points, double maximum, String progress) {
        if (points == null) {
            return em.createNativeQuery("""
                            update lti_score_post set score_given = null, score_maximum = :max, changed_at = now(),
                                   grading_progress = 'FullyGraded',
                                   status = 'PENDING', attempts = 0, next_attempt_at = now(), version = version + 1
                             where resource_link_id = :link and user_id = :user and score_given is not null""")
                    .setParameter("max", maximum).setParameter("link", link).setParameter("user", user)
                    .executeUpdate();
        }
        return em.createNativeQuery("""
                        insert into lti_score_post (resource_link_id, user_id, score_given, score_maximum, changed_at,
                                                    status, attempts, next_attempt_at, version, grading_progress)
                        values (:link, :user, :given, :max, now(), 'PENDING', 0, now(), 1, :progress)
                        on conflict (resource_link_id, user_id) do update
                           set score_given = excluded.score_given, score_maximum = excluded.score_maximum,
                               grading_progress = excluded.grading_progress,
                               changed_at = excluded.changed_at, status = 'PENDING', attempts = 0,
                               next_attempt_at = now(), version = lti_score_post.version + 1
                         where lti_score_post.score_given is distinct from excluded.score_given
                            or lti_score_post.score_maximum is distinct from excluded.score_maximum
                            or lti_score_post.grading_progress is distinct from excluded.grading_progress""")
                .setParameter("link", link).setParameter("user", user).setParameter("given", points)
                .setParameter("max", maximum).setParameter("progress", progress).executeUpdate();
    }

    /** A course's outbox as its staff see it; 403 for anyone else. */
    @Transactional
    public ScorePostView.Outbox of(String courseSlug, User reader) {
        Course course = CourseAccess.viewable(courseSlug, reader);
        Instant synced = LtiContext.<LtiContext>list("course = ?1", course).stream().map(c -> c.rosterSyncedAt)
                .filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
        return new ScorePostView.Outbox(course.slug, ScorePost.countIn(course, ScorePost.Status.PENDING),
                ScorePost.countIn(course, ScorePost.Status.SENT), ScorePost.countIn(course, ScorePost.Status.FAILED),
                synced, ScorePost.inCourse(course).stream().map(ScorePostView::of).toList());
    }

    /**
     * Staff send a FAILED score again now (after fixing what the LMS complained about): 404 for a row of another
     * course, 409 for one that is not FAILED.
     */
    @Transactional
    public ScorePostView retry(String courseSlug, long id, User actor) {
        Course course = CourseAccess.viewable(courseSlug, actor);
        ScorePost post = ScorePost.<ScorePost>findByIdOptional(id)
                .filter(p -> p.resourceLink.context.course.id.equals(course.id))
                .orElseThrow(() -> new NotFoundException("no score " + id + " in course '" + courseSlug + "'"));
        if (post.status != ScorePost.Status.FAILED) {
            throw new ClientErrorException("score " + id + " is " + post.status + ": only a FAILED score is sent "
                    + "again by hand (a PENDING one is being retried already)", Response.Status.CONFLICT);
        }
        post.status = ScorePost.Status.PENDING;
        post.attempts = 0;
        post.nextAttemptAt = Instant.now();
        Log.infof("lti: %s asked to send score %d again", actor.username, id);
        announce(1);
        return ScorePostView.of(post);
    }

    private void announce(int changed) {
        if (changed > 0) {
            queued.fire(new ScoresQueued(changed));
        }
    }
}
