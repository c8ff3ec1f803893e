package threadmark.user;

import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import threadmark.web.PageContext;
import threadmark.web.PageFrame;

import java.net.URI;

/**
 * Sign-in through the OpenID provider. quarkus-oidc (tenant "sso", which alone guards this path) runs the code flow:
 * it sends the browser to the provider with state, nonce and PKCE, and on the way back exchanges the code and checks
 * the ID token (signature, issuer, audience, expiry, nonce) before this method runs. Here its issuer and subject name
 * our user, who gets an ordinary session; the provider's session cookie is dropped.
 */
@Path(SingleSignOnPage.PATH)
@PermitAll
public class SingleSignOnPage {

    static final String PATH = "/login/sso";
    /** Where quarkus-oidc sends the provider's refusals (error-path), and {@link SingleSignOnFailures} its own. */
    static final String FAILED_PATH = PATH + "/failed";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance refused(PageFrame frame, String provider, SingleSignOn.Refusal reason);

        static native TemplateInstance failed(PageFrame frame, String provider);
    }

    @Inject
    SsoConfig config;

    @Inject
    SingleSignOn singleSignOn;

    @Inject
    ExternalLogin externalLogin;

    @Inject
    SecurityIdentity identity;

    @Inject
    OidcSession oidcSession;

    @Inject
    RoutingContext routing;

    @Inject
    PageContext page;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response signIn() {
        // Off (then no OIDC guards this path, and nothing here may run), or reached other than through the code flow.
        if (!config.enabled() || !(identity.getPrincipal() instanceof JsonWebToken)
                || !SingleSignOn.TENANT.equals(oidcSession.getTenantId())) {
            throw new NotFoundException("single sign-on is not set up on this server");
        }
        JsonWebToken idToken = oidcSession.getIdToken();
        // Threadmark keeps its own session: the provider's, kept by quarkus-oidc in a cookie, ends here.
        oidcSession.logout().await().indefinitely();
        SingleSignOn.Claims claims = new SingleSignOn.Claims(idToken.getIssuer(), idToken.getSubject(),
                text(idToken.getClaim("email")), isTrue(idToken.getClaim("email_verified")),
                text(idToken.getClaim("name")));
        try {
            User user = singleSignOn.userFor(claims);
            externalLogin.logIn(user, routing);
        } catch (SingleSignOn.RefusedException e) {
            // Said on a page of its own: this request still carries the provider's identity, which a page frame
            // would show as if logged in.
            return Response.seeOther(URI.create(PATH + "/refused?reason=" + e.reason)).build();
        }
        return Response.seeOther(URI.create("/exercises")).build();
    }

    /** Why the person the provider vouched for was not let in. */
    @GET
    @Path("/refused")
    @Produces(MediaType.TEXT_HTML)
    public Response refused(@QueryParam("reason") SingleSignOn.Refusal reason) {
        if (!config.enabled()) {
            throw new NotFoundException("single sign-on is not set up on this server");
        }
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE).entity(Templates.refused(page.frame(),
                config.providerName(), reason == null ? SingleSignOn.Refusal.NO_ACCOUNT : reason)
                .setLocale(page.locale())).build();
    }

    /**
     * The provider did not sign the person in (they cancelled, or it refused us), or its answer did not pass
     * quarkus-oidc's checks. What the provider said is not shown: it is not ours to vouch for.
     */
    @GET
    @Path("/failed")
    @Produces(MediaType.TEXT_HTML)
    public Response failed() {
        if (!config.enabled()) {
            throw new NotFoundException("single sign-on is not set up on this server");
        }
        return Response.status(401).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.failed(page.frame(), config.providerName()).setLocale(page.locale())).build();
    }

    /** Claims other than the registered ones come as JSON values. */
    private static String text(Object claim) {
        return claim instanceof JsonString json ? json.getString() : claim instanceof String s ? s : null;
    }

    private static boolean isTrue(Object claim) {
        return claim == JsonValue.TRUE || Boolean.TRUE.equals(claim);
    }
}
