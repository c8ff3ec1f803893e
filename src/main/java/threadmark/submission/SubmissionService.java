package threadmark.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import threadmark.exercise.Exercise;
import threadmark.grading.Grading;
import threadmark.user.User;

import java.util.Map;
import java.util.TreeMap;

/** Accepts submissions: the files and their queued grading are committed together, before any grading starts. */
@ApplicationScoped
public class SubmissionService {

    /** Ids of what was just committed. */
    public record Accepted(long submissionId, long gradingId) {
    }

    @Transactional
    public Accepted submit(User user, String slug, Map<String, String> files) {
        Exercise exercise = Exercise.current(slug)
                .orElseThrow(() -> new NotFoundException("no exercise '" + slug + "'"));
        SubmissionRules.check(exercise.definition, files);
        Submission submission = new Submission();
        submission.user = User.findById(user.id);
        submission.exercise = exercise;
        submission.files = new TreeMap<>(files);
        submission.persist();
        Grading grading = new Grading();
        grading.submission = submission;
        grading.persist();
        return new Accepted(submission.id, grading.id);
    }
}
