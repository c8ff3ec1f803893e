package threadmark.submission;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import threadmark.course.Course;
import threadmark.course.CourseAccess;
import threadmark.exercise.Exercise;
import threadmark.user.CurrentUser;
import threadmark.user.Role;
import threadmark.web.Dates;
import threadmark.web.PageContext;
import threadmark.web.PageFrame;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Staff only: the submissions of the students in their courses (every student's for admins), newest first, filtered
 * by course, exercise, student and status, a page at a time; each links to its full result.
 */
@Path("/staff/submissions")
@RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
@Produces(MediaType.TEXT_HTML)
public class RecentSubmissionsPage {

    static final int PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;

    public record Row(long id, String student, String exercise, String submittedAt, boolean late, Grading.Status status,
                      Double score, Double maxScore) {
    }

    /** What the reader filtered by (blank: everything), and the links to the neighbouring pages. */
    public record Filter(String course, String exercise, String student, String status, int page, String previous,
                         String next, List<Course> courses, List<String> exercises, List<String> statuses) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance recent(PageFrame frame, List<Row> rows, Filter filter);
    }

    @Inject
    PageContext page;

    @Inject
    CurrentUser currentUser;

    @GET
    @Transactional
    public TemplateInstance recent(@QueryParam("course") String course, @QueryParam("exercise") String exercise,
                                   @QueryParam("student") String student, @QueryParam("status") String status,
                                   @QueryParam("page") Integer pageNumber, @QueryParam("size") Integer pageSize) {
        Locale locale = page.locale();
        Dates dates = page.dates();
        int number = pageNumber == null ? 1 : pageNumber;
        if (number < 1) {
            throw new BadRequestException("page numbers start at 1");
        }
        int size = pageSize == null ? PAGE_SIZE : pageSize;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadRequestException("a page holds 1 to " + MAX_PAGE_SIZE + " submissions");
        }
        List<String> where = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (present(course)) {
            parameters.add(course.strip());
            where.add("exists (select 1 from Enrolment e, Assignment a where e.course.slug = ?" + (parameters.size() + 1)
                    + " and e.user = s.user and a.course = e.course and a.exerciseSlug = s.exercise.slug)");
        }
        if (present(exercise)) {
            parameters.add(exercise.strip());
            where.add("s.exercise.slug = ?" + (parameters.size() + 1));
        }
        if (present(student)) {
            parameters.add(student.strip());
            where.add("s.user.username = ?" + (parameters.size() + 1));
        }
        if (present(status)) {
            parameters.add(statusOf(status));
            where.add("(select g.status from Grading g where g.submission = s and g.id = (select max(g2.id) from "
                    + "Grading g2 where g2.submission = s)) = ?" + (parameters.size() + 1));
        }
        List<Submission> found = Submission.readableBy(currentUser.get(), String.join(" and ", where),
                parameters.toArray()).range((number - 1) * size, number * size).list();
        boolean more = found.size() > size;
        List<Row> rows = found.stream().limit(size).map(s -> {
            Grading g = Grading.latestOf(s).orElseThrow();
            return new Row(s.id, s.user.username, s.exercise.slug, dates.format(s.submittedAt), s.late,
                    g.status, g.score, g.maxScore);
        }).toList();
        Filter filter = new Filter(blankIfNull(course), blankIfNull(exercise), blankIfNull(student),
                blankIfNull(status), number,
                number > 1 ? link(course, exercise, student, status, number - 1, size) : null,
                more ? link(course, exercise, student, status, number + 1, size) : null,
                CourseAccess.visibleTo(currentUser.get()), Exercise.catalogue().stream().map(e -> e.slug).toList(),
                Arrays.stream(Grading.Status.values()).map(Enum::name).toList());
        return Templates.recent(page.frame(), rows, filter).setLocale(locale);
    }

    private static Grading.Status statusOf(String status) {
        try {
            return Grading.Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("no status '" + status + "': choose one of "
                    + Arrays.toString(Grading.Status.values()));
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String blankIfNull(String value) {
        return value == null ? "" : value.strip();
    }

    private static String link(String course, String exercise, String student, String status, int number, int size) {
        StringBuilder link = new StringBuilder("/staff/submissions?page=").append(number);
        if (size != PAGE_SIZE) {
            link.append("&size=").append(size);
        }
        String[][] parts = {{"course", course}, {"exercise", exercise}, {"student", student}, {"status", status}};
        for (String[] part : parts) {
            if (present(part[1])) {
                link.append('&').append(part[0]).append('=').append(URLEncoder.encode(part[1].strip(), StandardCharsets.UTF_8));
            }
        }
        return link.toString();
    }
}
