package threadmark.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import threadmark.course.Assignment;
import threadmark.course.AttemptPolicy;
import threadmark.course.ExerciseAccess;
import threadmark.course.Extension;
import threadmark.course.LatePolicy;
import threadmark.exercise.Exercise;
import threadmark.exercise.ExerciseListing;
import threadmark.user.User;
import threadmark.web.Dates;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Accepts submissions: the files and their queued grading are committed together, before any grading starts. */
@ApplicationScoped
public class SubmissionService {

    /** Ids of what was just committed. */
    public record Accepted(long submissionId, long gradingId) {
    }

    @Inject
    SubmissionsConfig limits;

    @Inject
    SubmissionRateLimit rateLimit;

    @Inject
    Event<GradingsQueued> queued;

    /** {@code version}: staff try a draft (or an earlier version) before students get it; null for the live one. */
    @Transactional
    public Accepted submit(User user, String slug, Map<String, String> files, Integer version) {
        Exercise exercise;
        if (version == null) {
            exercise = Exercise.current(slug).orElseThrow(() -> new NotFoundException("no exercise '" + slug + "'"));
        } else if (!user.isStaff()) {
            throw new ForbiddenException("only staff try a version other than the live one");
        } else {
            exercise = Exercise.version(slug, version).orElseThrow(() -> new NotFoundException("exercise '" + slug
                    + "' has no version " + version));
        }
        ExerciseAccess.requireMayOpen(user, slug);
        if (ExerciseListing.of(slug).visibility == ExerciseListing.Visibility.ARCHIVED) {
            throw new ClientErrorException("'" + slug + "' is archived: it takes no new submissions, and every earlier "
                    + "one stays readable", Response.Status.CONFLICT);
        }
        SubmissionRules.check(exercise.definition, files, limits);
        User student = User.findById(user.id, LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        Assignment assignment = Assignment.governing(student, slug, now).orElse(null);
        if (assignment != null && !assignment.releasedAt(now) && !student.isStaff()) {
            throw new ForbiddenException("'" + slug + "' opens for submissions on "
                    + Dates.utc(Locale.ENGLISH).format(assignment.releaseAt));
        }
        if (assignment != null && !student.isStaff()) {
            AttemptPolicy attempts = assignment.attemptPolicy();
            if (attempts.limited() && !attempts.allowsAnother(Submission.count(
                    "user = ?1 and exercise.slug = ?2 and practice = false", student, slug))) {
                throw new ClientErrorException("you have used all " + attempts.max() + " submissions your course "
                        + "allows for '" + slug + "'; those you sent are graded and count as before",
                        Response.Status.CONFLICT);
            }
        }
        LatePolicy policy = assignment == null ? null : Extension.policyFor(assignment, student);
        rateLimit.check(student, now);
        Submission submission = new Submission();
        submission.user = student;
        submission.exercise = exercise;
        submission.files = new TreeMap<>(files);
        submission.submittedAt = now;
        submission.late = policy != null && policy.daysLate(now) > 0;
        submission.practice = student.isStaff();
        submission.persist();
        Grading grading = Grading.firstOf(submission);
        grading.persist();
        grading.estimatedWaitSeconds = QueueSnapshot.estimateOnEntry(Grading.getEntityManager(), grading.id);
        queued.fire(new GradingsQueued(1));
        return new Accepted(submission.id, grading.id);
    }
}
