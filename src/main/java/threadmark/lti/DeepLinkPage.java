package threadmark.lti;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import threadmark.user.CurrentUser;
import threadmark.user.Role;
import threadmark.web.PageContext;
import threadmark.web.PageFrame;
import threadmark.web.SecurityHeaders;

import java.net.URI;
import java.util.List;

/**
 * The picker a deep linking request opens inside the LMS: staff choose an exercise, and the signed answer goes back
 * to the LMS in a form the browser posts by itself.
 */
@Path("/staff/lti/deep-links/{id}")
@RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
@Produces(MediaType.TEXT_HTML)
public class DeepLinkPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance pick(PageFrame frame, String id, String course, List<Choice> exercises);

        static native TemplateInstance send(PageFrame frame, String returnUrl, String jwt);
    }

    public record Choice(String slug, String title) {
    }

    @Inject
    PageContext page;

    @Inject
    CurrentUser currentUser;

    @Inject
    DeepLinking deepLinking;

    @Inject
    LtiConfig config;

    @Inject
    CurrentVertxRequest vertx;

    @GET
    public TemplateInstance pick(@RestPath String id) {
        DeepLinking.Pending pending = deepLinking.pending(id, currentUser.get());
        List<Choice> choices = DeepLinking.choices().stream().map(e -> new Choice(e.slug, e.title)).toList();
        return Templates.pick(page.frame(), pending.id(), pending.courseTitle(), choices).setLocale(page.locale());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance choose(@RestPath String id, @RestForm String exercise) {
        DeepLinking.Answer answer = deepLinking.answer(id, exercise, currentUser.get(),
                ToolUrls.of(config, vertx.getCurrent().request()));
        URI target = URI.create(answer.returnUrl());
        // The answer is a form posted to the LMS: our policy's form-action must allow its origin for this page.
        vertx.getCurrent().put(SecurityHeaders.FORM_ACTION_ORIGIN, target.getScheme() + "://" + target.getRawAuthority());
        return Templates.send(page.frame(), answer.returnUrl(), answer.jwt()).setLocale(page.locale());
    }

}
