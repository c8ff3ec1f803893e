package threadmark.gradebook;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import threadmark.course.CourseAccess;
import threadmark.user.CurrentUser;
import threadmark.user.Role;

/** The gradebook downloads linked from the course page, for staff logged in with the form (the API takes Basic only). */
@Path("/staff/gradebooks")
@RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
public class GradebookPage {

    @Inject
    GradebookService gradebooks;

    @Inject
    CurrentUser currentUser;

    @GET
    @Path("/{course}")
    @Produces("text/csv")
    public Response download(@PathParam("course") String course,
                             @QueryParam("layout") @DefaultValue("canvas") String layout) {
        CourseAccess.viewable(course, currentUser.get());
        return GradebookApi.download(gradebooks, course, GradebookCsv.Layout.parse(layout));
    }
}
