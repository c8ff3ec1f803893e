package threadmark.pages;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import threadmark.exercise.Exercise;
import threadmark.submission.SubmissionService;
import threadmark.user.CurrentUser;
import threadmark.user.Role;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exercise page's submit form. Accepted: on to the result page. Refused (too large, too often, bad file name):
 * the exercise page again, with the reason and the student's code still in the editor.
 */
@Path("/exercises/{slug}/submissions")
@RolesAllowed({Role.STUDENT_ROLE, Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
public class SubmissionForm {

    @Inject
    SubmissionService submissions;


    @Inject
    CurrentUser currentUser;

    @Inject
    ExercisePage exercisePage;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response submit(@PathParam("slug") String slug, @QueryParam("version") Integer version,
                           @RestForm("file") List<String> names, @RestForm("source") List<String> sources) {
        Map<String, String> files = new LinkedHashMap<>();
        int count = names == null || sources == null ? 0 : Math.min(names.size(), sources.size());
        for (int i = 0; i < count; i++) {
            files.put(names.get(i), sources.get(i));
        }
        try {
            SubmissionService.Accepted accepted = submissions.submit(currentUser.get(), slug, files, version);
            return Response.seeOther(URI.create("/submissions/" + accepted.submissionId())).build();
        } catch (WebApplicationException refused) {
            int status = refused.getResponse().getStatus();
            if (status == 404) {
                throw refused;
            }
            String page = QuarkusTransaction.requiringNew().call(() -> exercisePage
                    .refused((version == null ? Exercise.current(slug) : Exercise.version(slug, version)).orElseThrow(),
                            files, refused.getMessage()).render());
            Response.ResponseBuilder response = Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page);
            String retryAfter = refused.getResponse().getHeaderString("Retry-After");
            return (retryAfter == null ? response : response.header("Retry-After", retryAfter)).build();
        }
    }

}
