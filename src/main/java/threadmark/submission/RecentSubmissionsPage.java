package threadmark.submission;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import threadmark.user.CurrentUser;
import threadmark.user.Role;
import threadmark.web.Dates;
import threadmark.web.PageContext;
import threadmark.web.PageFrame;

import java.util.List;
import java.util.Locale;

/** Staff only: the latest submissions of the students in their courses (every student's for admins), each linking to its full result. */
@Path("/staff/submissions")
@RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
@Produces(MediaType.TEXT_HTML)
public class RecentSubmissionsPage {

    public record Row(long id, String student, String exercise, String submittedAt, boolean late, Grading.Status status,
                      Double score, Double maxScore) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance recent(PageFrame frame, List<Row> rows);
    }

    @Inject
    PageContext page;

    @Inject
    CurrentUser currentUser;

    @GET
    @Transactional
    public TemplateInstance recent() {
        Locale locale = page.locale();
        List<Row> rows = Submission.readableBy(currentUser.get(), "").page(0, 200).list().stream()
                .map(s -> {
                    Grading g = Grading.latestOf(s).orElseThrow();
                    return new Row(s.id, s.user.username, s.exercise.slug, Dates.format(s.submittedAt, locale), s.late,
                            g.status, g.score, g.maxScore);
                }).toList();
        return Templates.recent(page.frame(), rows).setLocale(locale);
    }
}
