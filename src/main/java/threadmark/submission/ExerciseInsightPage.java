package threadmark.submission;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import threadmark.exercise.Exercise;
import threadmark.grading.GradeReport;
import threadmark.user.CurrentUser;
import threadmark.user.Role;
import threadmark.web.Dates;
import threadmark.web.PageContext;
import threadmark.web.PageFrame;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Staff only: one exercise's submissions (filtered by student, status, minimum score) and which tests fail most
 * often among each submission's latest grading: where the class is stuck. Each member of staff sees the students of
 * their own courses (admins everyone), and regrades only their work.
 */
@Path("/staff/insight/{slug}")
@RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
@Produces(MediaType.TEXT_HTML)
public class ExerciseInsightPage {

    public record TestFailures(String test, String property, long failed, long graded) {
        public long percent() {
            return graded == 0 ? 0 : Math.round(100.0 * failed / graded);
        }
    }

    public record Row(long id, String student, int version, String submittedAt, boolean late, Grading.Status status,
                      Double score, Double maxScore) {
    }

    /** {@code untested}: latest gradings whose tests never ran (the code did not compile, the run timed out…). */
    public record Insight(String slug, String title, long students, long submissions, List<TestFailures> failures,
                          long untested, List<Row> rows, String student, String status, Double minScore,
                          Integer regraded) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance insight(PageFrame frame, Insight insight);
    }

    @Inject
    PageContext page;

    @Inject
    Regrades regrades;

    @Inject
    CurrentUser currentUser;

    /** Regrades one submission, one student's, or (neither given) every submission to the exercise. */
    @POST
    @Path("/regrades")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response regrade(@PathParam("slug") String slug, @RestForm Long submission, @RestForm String student) {
        int queued = submission != null ? regrades.submission(submission, currentUser.get())
                : student != null && !student.isBlank() ? regrades.student(slug, student.strip(), currentUser.get())
                : regrades.exercise(slug, currentUser.get());
        return Response.seeOther(URI.create("/staff/insight/" + slug + "?regraded=" + queued)).build();
    }


    @GET
    @Transactional
    public TemplateInstance insight(@PathParam("slug") String slug, @QueryParam("student") String student,
                                    @QueryParam("status") String status, @QueryParam("minScore") Double minScore,
                                    @QueryParam("regraded") Integer regraded) {
        Exercise exercise = Exercise.current(slug).orElseThrow(() -> new NotFoundException("no exercise '" + slug + "'"));
        Grading.Status wanted = parseStatus(status);
        Locale locale = page.locale();
        Dates dates = page.dates();
        List<Submission> submissions = Submission.readableBy(currentUser.get(), "s.exercise.slug = ?2", slug).list();
        Map<String, long[]> failures = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        long graded = 0;
        long untested = 0;
        for (Submission s : submissions) {
            Grading g = Grading.latestOf(s).orElseThrow();
            if (g.status == Grading.Status.DONE && g.outcome != GradeReport.Outcome.TESTED) {
                untested++; // no test ran: counting each as failed would blame every test for a compile error
            } else if (g.status == Grading.Status.DONE) {
                graded++;
                for (TestResult r : g.results) {
                    long[] counts = failures.computeIfAbsent(r.testId, id -> new long[1]);
                    counts[0] += r.status == GradeReport.Status.PASSED ? 0 : 1;
                }
            }
            boolean shown = (student == null || student.isBlank() || s.user.username.equalsIgnoreCase(student.strip()))
                    && (wanted == null || g.status == wanted)
                    && (minScore == null || (g.score != null && g.score >= minScore));
            if (shown) {
                rows.add(new Row(s.id, s.user.username, s.exercise.version, dates.format(s.submittedAt), s.late,
                        g.status, g.score, g.maxScore));
            }
        }
        long gradedSubmissions = graded;
        List<TestFailures> byTest = exercise.definition.tests().stream()
                .map(t -> new TestFailures(t.methodName(), t.property(page.locale()),
                        failures.getOrDefault(t.id(), new long[1])[0], gradedSubmissions))
                .sorted(Comparator.comparingLong(TestFailures::failed).reversed())
                .toList();
        long students = submissions.stream().map(s -> s.user.id).distinct().count();
        Insight insight = new Insight(slug, exercise.title, students, submissions.size(), byTest, untested, rows,
                student == null ? "" : student, wanted == null ? "" : wanted.name(), minScore, regraded);
        return Templates.insight(page.frame(), insight).setLocale(locale);
    }

    private static Grading.Status parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return Grading.Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("status must be one of " + Arrays.toString(Grading.Status.values()));
        }
    }
}
