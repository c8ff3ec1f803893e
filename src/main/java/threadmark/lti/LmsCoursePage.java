package threadmark.lti;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import threadmark.user.CurrentUser;
import threadmark.user.Role;
import threadmark.web.Dates;
import threadmark.web.PageContext;
import threadmark.web.PageFrame;

import java.time.Instant;
import java.util.List;

/** A course's link to its LMS, for its staff logged in with the form: the scores sent and the roster read from it. */
@Path("/staff/lms")
@RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
@Produces(MediaType.TEXT_HTML)
public class LmsCoursePage {

    /** A row with its dates written for the reader. */
    public record Row(long id, String student, String name, String exercise, Double scoreGiven, double scoreMaximum,
                      String status, int attempts, String lastAttemptAt, String nextAttemptAt, String sentAt,
                      Integer lastStatus, String lastResponse) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance outbox(PageFrame frame, String course, ScorePostView.Outbox outbox,
                                              List<Row> rows, String rosterSyncedAt, boolean retried,
                                              RosterSync.Result synced, String error);
    }

    @Inject
    ScoreOutbox outbox;

    @Inject
    RosterSync rosters;

    @Inject
    PageContext page;

    @Inject
    CurrentUser currentUser;

    @GET
    @Path("/{course}")
    public TemplateInstance course(@PathParam("course") String course) {
        return render(course, false, null, null);
    }

    @POST
    @Path("/{course}/score-posts/{id}/retries")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retry(@PathParam("course") String course, @PathParam("id") long id) {
        try {
            outbox.retry(course, id, currentUser.get());
            return html(200, render(course, true, null, null));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 403) {
                throw e;
            }
            return html(e.getResponse().getStatus(), render(course, false, null, e.getMessage()));
        }
    }

    @POST
    @Path("/{course}/roster-syncs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sync(@PathParam("course") String course) {
        try {
            return html(200, render(course, false, rosters.sync(course, currentUser.get()), null));
        } catch (PlatformCallFailed e) {
            return html(502, render(course, false, null, e.reason));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 403) {
                throw e;
            }
            return html(e.getResponse().getStatus(), render(course, false, null, e.getMessage()));
        }
    }

    private TemplateInstance render(String course, boolean retried, RosterSync.Result synced, String error) {
        ScorePostView.Outbox box = outbox.of(course, currentUser.get());
        Dates dates = page.dates();
        List<Row> rows = box.scores().stream().map(s -> new Row(s.id(), s.student(), s.name(), s.exercise(),
                s.scoreGiven(), s.scoreMaximum(), s.status().name(), s.attempts(), format(dates, s.lastAttemptAt()),
                format(dates, s.nextAttemptAt()), format(dates, s.sentAt()), s.lastStatus(), s.lastResponse()))
                .toList();
        return Templates.outbox(page.frame(), box.course(), box, rows, format(dates, box.rosterSyncedAt()), retried,
                synced, error).setLocale(page.locale());
    }

    private static String format(Dates dates, Instant instant) {
        return instant == null ? "" : dates.format(instant);
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page.render()).build();
    }
}
