package threadmark.gradebook;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import threadmark.course.CourseAccess;
import threadmark.user.CurrentUser;
import threadmark.user.Role;

import java.util.Locale;

/** A course's gradebook for its staff (and admins): as JSON, or as a CSV file an LMS imports ({@code ?layout=canvas|moodle|detailed}). */
@Path("/api")
@RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
@Tag(name = "Gradebook", description = "Computed grades")
public class GradebookApi {

    @Inject
    GradebookService gradebooks;

    @Inject
    CurrentUser currentUser;

    @Operation(summary = "The course's gradebook: one row per student, one column per assignment")
    @GET
    @Path("/courses/{course}/gradebook")
    @Produces(MediaType.APPLICATION_JSON)
    public Gradebook json(@PathParam("course") String course) {
        CourseAccess.viewable(course, currentUser.get());
        return gradebooks.of(course);
    }

    @Operation(summary = "The gradebook as CSV for Canvas, for Moodle, or with every submission (layout)")
    @GET
    @Path("/courses/{course}/gradebook.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("course") String course, @QueryParam("layout") @DefaultValue("canvas") String layout) {
        CourseAccess.viewable(course, currentUser.get());
        return download(gradebooks, course, GradebookCsv.Layout.parse(layout));
    }

    /** The CSV as an attachment named after the course and layout, e.g. {@code concurrency-2026-canvas.csv}. */
    static Response download(GradebookService gradebooks, String course, GradebookCsv.Layout layout) {
        String csv = GradebookCsv.write(gradebooks.of(course), layout);
        String name = course + "-" + layout.name().toLowerCase(Locale.ROOT) + ".csv";
        return Response.ok(csv, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }
}
