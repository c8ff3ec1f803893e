package threadmark.submission;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import threadmark.exercise.Exercise;
import threadmark.user.User;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Queues submissions to be graded again against the exercise's current version, after its tests changed. Each
 * regrade is a new grading: the earlier ones and their scores stay. Regrades queue behind students' own submissions,
 * and a submission already waiting for a grading is not queued twice. Staff regrade only the work of students in
 * their courses (admins anyone's): regrading a whole exercise means their students' submissions to it.
 */
@ApplicationScoped
public class Regrades {

    static final short REGRADE_PRIORITY = 1;

    @Inject
    Event<GradingsQueued> queued;

    @Transactional
    public int submission(long id, User requestedBy) {
        Submission submission = Submission.findById(id);
        if (submission == null) {
            throw new NotFoundException("no submission " + id);
        }
        if (!submission.readableBy(requestedBy)) {
            throw new ForbiddenException(NOT_YOURS);
        }
        return queue(List.of(submission), requestedBy);
    }

    @Transactional
    public int student(String slug, String username, User requestedBy) {
        current(slug);
        User student = User.byUsername(username).orElseThrow(() -> new NotFoundException("no user '" + username + "'"));
        List<Submission> all = Submission.byUserAndExercise(student, slug);
        List<Submission> readable = oldestFirst(Submission.readableBy(requestedBy, "s.exercise.slug = ?2 and s.user = ?3",
                slug, student).list());
        if (readable.size() < all.size()) {
            throw new ForbiddenException(NOT_YOURS);
        }
        return queue(readable, requestedBy);
    }

    @Transactional
    public int exercise(String slug, User requestedBy) {
        current(slug);
        return queue(oldestFirst(Submission.readableBy(requestedBy, "s.exercise.slug = ?2", slug).list()), requestedBy);
    }

    private static final String NOT_YOURS = "you regrade only the work of students in your courses";

    private static List<Submission> oldestFirst(List<Submission> newestFirst) {
        return newestFirst.reversed();
    }

    private static Exercise current(String slug) {
        return Exercise.current(slug).orElseThrow(() -> new NotFoundException("no exercise '" + slug + "'"));
    }

    private int queue(List<Submission> submissions, User requestedBy) {
        Map<String, Exercise> currentVersions = new HashMap<>();
        int count = 0;
        for (Submission submission : submissions) {
            boolean waiting = Grading.count("submission = ?1 and status in ?2", submission,
                    List.of(Grading.Status.QUEUED, Grading.Status.RUNNING, Grading.Status.WAITING)) > 0;
            if (waiting) {
                continue;
            }
            Grading grading = Grading.firstOf(submission);
            grading.exercise = currentVersions.computeIfAbsent(submission.exercise.slug, Regrades::current);
            grading.priority = REGRADE_PRIORITY;
            grading.requestedBy = requestedBy;
            grading.persist();
            count++;
        }
        if (count > 0) {
            queued.fire(new GradingsQueued(count));
        }
        return count;
    }
}
