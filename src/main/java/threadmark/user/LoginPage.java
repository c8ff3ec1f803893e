package threadmark.user;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import threadmark.web.PageContext;
import threadmark.web.PageFrame;

import java.net.URI;

/** The site root, the login form (Quarkus form authentication posts it to /j_security_check) and logging out. */
@Path("/")
@PermitAll
public class LoginPage {

    /** Where Quarkus form authentication sends the user after login (its default cookie name). */
    static final String RETURN_COOKIE = "quarkus-redirect-location";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(PageFrame frame, boolean failed, Long waitSeconds, String ssoProvider);
    }

    @Inject
    PageContext page;

    @Inject
    SecurityIdentity identity;

    @Inject
    Sessions sessions;

    @Inject
    HttpServerRequest request;

    @Inject
    SsoConfig sso;

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/exercises")).build();
    }

    @GET
    @Path("/login")
    @Produces(MediaType.TEXT_HTML)
    public Object login(@QueryParam("error") boolean failed, @QueryParam("wait") Long waitSeconds) {
        if (!identity.isAnonymous() && !failed) {
            return Response.seeOther(URI.create("/exercises")).build();
        }
        Long wait = waitSeconds == null || waitSeconds <= 0 ? null : Math.min(waitSeconds, 86_400);
        TemplateInstance form = Templates.login(page.frame(), failed, wait,
                sso.enabled() ? sso.providerName() : null).setLocale(page.locale());
        if (request.getCookie(Sessions.SIGNED_OUT_COOKIE) != null && request.getCookie(RETURN_COOKIE) != null) {
            return Response.ok(form).cookie(new NewCookie.Builder(RETURN_COOKIE).path("/").value("").maxAge(0)
                    .build()).build();
        }
        return form;
    }

    @POST
    @Path("/logout")
    public Response logout() {
        sessions.end(request);
        return Response.seeOther(URI.create("/login")).build();
    }
}
