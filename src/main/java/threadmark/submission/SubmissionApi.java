package threadmark.submission;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import threadmark.user.CurrentUser;
import threadmark.user.Role;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Submitting files for an exercise and reading back the verdict, as JSON. */
@Path("/api")
@RolesAllowed({Role.STUDENT_ROLE, Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
@Tag(name = "Submissions", description = "Submitting code and reading its gradings")
public class SubmissionApi {

    public record NewSubmission(Map<String, String> files) {
    }

    public record Queued(long id, Grading.Status status, String location) {
    }

    /** How many gradings a regrade request queued (submissions already waiting are not queued twice). */
    public record RegradesQueued(int queued) {
    }

    @Inject
    SubmissionService submissions;

    @Inject
    Regrades regrades;

    @Inject
    GradingChanges gradingChanges;

    @Inject
    CurrentUser currentUser;

    @Operation(summary = "Submit files for grading: 202 with the submission's id")
    @POST
    @Path("/exercises/{slug}/submissions")
    public Response submit(@PathParam("slug") String slug, @QueryParam("version") Integer version,
                           @NotNull NewSubmission request) {
        SubmissionService.Accepted accepted = submissions.submit(currentUser.get(), slug, request.files(), version);
        String location = "/api/submissions/" + accepted.submissionId();
        return Response.accepted(new Queued(accepted.submissionId(), Grading.Status.QUEUED, location))
                .location(UriBuilder.fromPath(location).build())
                .build();
    }

    @Operation(summary = "A submission: status, queue position, score, compile errors, per-test results, timings, every grading")
    @GET
    @Path("/submissions/{id}")
    @Transactional
    public SubmissionView get(@PathParam("id") long id) {
        Submission submission = Submission.findById(id);
        if (submission == null) {
            throw new NotFoundException("no submission " + id);
        }
        if (!submission.readableBy(currentUser.get())) {
            throw new ForbiddenException("submission " + id + " belongs to another student");
        }
        List<Grading> history = Grading.historyOf(submission);
        boolean staff = currentUser.get().isStaff();
        return SubmissionView.of(submission, history, queueOf(List.of(history)), true, staff,
                TestDisclosure.hiddenOutputShown(submission, staff));
    }

    @Operation(summary = "The caller's submissions to the exercise")
    @GET
    @Path("/exercises/{slug}/submissions")
    @Transactional
    public List<SubmissionView> mine(@PathParam("slug") String slug, @QueryParam("files") boolean withFiles) {
        List<Submission> submissions = Submission.byUserAndExercise(currentUser.get(), slug);
        Map<Long, List<Grading>> histories = Grading.historiesOf(submissions);
        boolean staff = currentUser.get().isStaff();
        QueueSnapshot queue = queueOf(histories.values());
        // One author and one exercise: whether hidden tests' output is shown is the same for every submission.
        boolean hiddenShown = TestDisclosure.hiddenOutputShown(currentUser.get(), slug, staff);
        return submissions.stream().map(s -> SubmissionView.of(s, histories.get(s.id), queue, withFiles, staff,
                hiddenShown)).toList();
    }

    @Operation(summary = "Grade a submission again against the exercise's current version")
    @POST
    @Path("/submissions/{id}/regrades")
    @RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public Response regrade(@PathParam("id") long id) {
        return queued(regrades.submission(id, currentUser.get()));
    }

    /** Regrades a whole exercise, or with {@code ?student=} one student's submissions to it. */
    @Operation(summary = "Regrade the submissions to an exercise of the students in the caller's courses, or one student's")
    @POST
    @Path("/exercises/{slug}/regrades")
    @RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
    public Response regradeExercise(@PathParam("slug") String slug, @QueryParam("student") String student) {
        return queued(student == null || student.isBlank() ? regrades.exercise(slug, currentUser.get())
                : regrades.student(slug, student, currentUser.get()));
    }

    private Response queued(int count) {
        return Response.accepted(new RegradesQueued(count)).build();
    }

    /** The queue, read so that it places every one of these gradings that is queued. */
    private QueueSnapshot queueOf(Collection<List<Grading>> histories) {
        return gradingChanges.queue(histories.stream().map(List::getLast)
                .filter(g -> g.status == Grading.Status.QUEUED).mapToLong(g -> g.id).toArray());
    }
}
