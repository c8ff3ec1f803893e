package threadmark.lti;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import threadmark.user.CurrentUser;
import threadmark.user.Role;
import threadmark.web.ApiError;

/**
 * A course's link to its LMS, for its staff (and admins), as JSON: the grade passback outbox (what was sent, when, the
 * LMS's answer; a FAILED score sent again) and the roster read from the LMS on demand.
 */
@Path("/api")
@RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "LMS courses", description = "Scores sent to a course's LMS, and its roster")
public class LmsCourseApi {

    @Inject
    ScoreOutbox outbox;

    @Inject
    RosterSync rosters;

    @Inject
    CurrentUser currentUser;

    @Operation(summary = "The scores sent or to be sent to the course's LMS, with their status and the LMS's answers")
    @GET
    @Path("/courses/{course}/score-posts")
    public ScorePostView.Outbox list(@PathParam("course") String course) {
        return outbox.of(course, currentUser.get());
    }

    /** Sends a FAILED score again now. */
    @Operation(summary = "Send a failed score again now")
    @POST
    @Path("/courses/{course}/score-posts/{id}/retries")
    public ScorePostView retry(@PathParam("course") String course, @PathParam("id") long id) {
        return outbox.retry(course, id, currentUser.get());
    }

    /** Reads the course's members from the LMS now; 502 with the LMS's answer when it could not. */
    @Operation(summary = "Read the roster from the LMS now")
    @POST
    @Path("/courses/{course}/roster-syncs")
    public RosterSync.Result sync(@PathParam("course") String course) {
        try {
            return rosters.sync(course, currentUser.get());
        } catch (PlatformCallFailed e) {
            throw new WebApplicationException(Response.status(Response.Status.BAD_GATEWAY)
                    .type(MediaType.APPLICATION_JSON).entity(new ApiError(502, e.reason)).build());
        }
    }
}
