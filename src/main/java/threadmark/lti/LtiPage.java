package threadmark.lti;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import threadmark.user.Role;
import threadmark.web.PageContext;
import threadmark.web.PageFrame;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * What to paste into Canvas or Moodle (for instructors and admins), and for admins the registered platforms with
 * forms to register, change and delete them and to rotate our signing key.
 */
@Path("/staff/lti")
@RolesAllowed({Role.INSTRUCTOR_ROLE, Role.ADMIN_ROLE})
@Produces(MediaType.TEXT_HTML)
public class LtiPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance lti(PageFrame frame, ToolUrls urls, boolean admin,
                                           List<LtiPlatformApi.PlatformView> platforms, String error, String notice);
    }

    @Inject
    PageContext page;

    @Inject
    LtiConfig config;

    @Inject
    HttpServerRequest request;

    @Inject
    SecurityIdentity identity;

    @Inject
    PlatformRegistrations registrations;

    @Inject
    ToolKeys keys;

    @GET
    public TemplateInstance show() {
        return render(null, null);
    }

    @POST
    @Path("/platforms")
    @RolesAllowed(Role.ADMIN_ROLE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response register(@RestForm String name, @RestForm String issuer, @RestForm String clientId,
                             @RestForm String deploymentIds, @RestForm String keySetUrl,
                             @RestForm String authLoginUrl, @RestForm String authTokenUrl,
                             @RestForm String authTokenAudience) {
        try {
            registrations.register(new PlatformRegistrations.Registration(name, issuer, clientId,
                    lines(deploymentIds), keySetUrl, authLoginUrl, authTokenUrl, authTokenAudience));
            return Response.seeOther(URI.create("/staff/lti")).build();
        } catch (ClientErrorException e) {
            return Response.status(e.getResponse().getStatus()).entity(render(e.getMessage(), null)).build();
        }
    }

    @POST
    @Path("/platforms/{id}")
    @RolesAllowed(Role.ADMIN_ROLE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@RestPath long id, @RestForm String name, @RestForm String issuer,
                           @RestForm String clientId, @RestForm String deploymentIds, @RestForm String keySetUrl,
                           @RestForm String authLoginUrl, @RestForm String authTokenUrl,
                           @RestForm String authTokenAudience) {
        try {
            registrations.update(id, new PlatformRegistrations.Registration(name, issuer, clientId,
                    lines(deploymentIds), keySetUrl, authLoginUrl, authTokenUrl, authTokenAudience));
            return Response.seeOther(URI.create("/staff/lti")).build();
        } catch (ClientErrorException e) {
            return Response.status(e.getResponse().getStatus()).entity(render(e.getMessage(), null)).build();
        }
    }

    @POST
    @Path("/platforms/{id}/deletion")
    @RolesAllowed(Role.ADMIN_ROLE)
    public Response delete(@RestPath long id) {
        registrations.delete(id);
        return Response.seeOther(URI.create("/staff/lti")).build();
    }

    @POST
    @Path("/key-rotation")
    @RolesAllowed(Role.ADMIN_ROLE)
    public TemplateInstance rotate() {
        return render(null, keys.rotate().kid);
    }

    private TemplateInstance render(String error, String rotatedKid) {
        boolean admin = identity.hasRole(Role.ADMIN_ROLE);
        List<LtiPlatformApi.PlatformView> platforms = admin
                ? LtiPlatform.allByName().stream().map(p -> LtiPlatformApi.PlatformView.of((LtiPlatform) p)).toList()
                : List.of();
        return Templates.lti(page.frame(), ToolUrls.of(config, request), admin, platforms, error, rotatedKid)
                .setLocale(page.locale());
    }

    private static List<String> lines(String text) {
        if (text == null) {
            throw new BadRequestException("deployment ids: at least one");
        }
        return Arrays.stream(text.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
