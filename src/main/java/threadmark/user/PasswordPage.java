package threadmark.user;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import threadmark.web.PageContext;
import threadmark.web.PageFrame;

import java.net.URI;

/** Where everyone changes their own password, and where a one-time password must be replaced first. */
@Path("/account/password")
@RolesAllowed({Role.STUDENT_ROLE, Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
@Produces(MediaType.TEXT_HTML)
public class PasswordPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance password(PageFrame frame, boolean oneTime, String error);
    }

    @Inject
    PageContext page;

    @Inject
    SecurityIdentity identity;

    @Inject
    Accounts accounts;

    @Inject
    HttpServerRequest request;

    @GET
    public TemplateInstance form() {
        return form(null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@RestForm String currentPassword, @RestForm String newPassword, @RestForm String repeatPassword) {
        if (newPassword == null || !newPassword.equals(repeatPassword)) {
            return html(400, form("the two new passwords differ: type the same one twice"));
        }
        try {
            accounts.changeOwnPassword(identity.getPrincipal().getName(), currentPassword, newPassword, request);
        } catch (WebApplicationException e) {
            return html(e.getResponse().getStatus(), form(e.getMessage()));
        }
        return Response.seeOther(URI.create("/exercises")).build();
    }

    private TemplateInstance form(String error) {
        boolean oneTime = Boolean.TRUE.equals(identity.getAttribute(Account.MUST_CHANGE_PASSWORD));
        return Templates.password(page.frame(), oneTime, error).setLocale(page.locale());
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page.render()).build();
    }
}
