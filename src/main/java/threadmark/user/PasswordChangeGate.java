package threadmark.user;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import threadmark.web.ApiError;

import java.net.URI;
import java.util.Set;

/**
 * Holds a user with a one-time password (a first start's, a staff reset's) to changing it: pages lead to the change
 * form, the API answers 403 saying how, until the password is their own.
 */
public class PasswordChangeGate {

    private static final Set<String> OPEN = Set.of("/account/password", "/logout", "/login", "/api/users/me",
            "/api/users/me/password");

    @Inject
    SecurityIdentity identity;

    @ServerRequestFilter
    public Response holdUntilChanged(ContainerRequestContext request) {
        if (identity.isAnonymous() || !Boolean.TRUE.equals(identity.getAttribute(Account.MUST_CHANGE_PASSWORD))) {
            return null;
        }
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (OPEN.contains(path) || path.startsWith("/language/")) {
            return null;
        }
        if (path.startsWith("/api/")) {
            return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(403,
                    "your password is a one-time password: change it first (PUT /api/users/me/password with "
                            + "{\"currentPassword\": …, \"newPassword\": …}, or log in on the web)")).build();
        }
        return Response.seeOther(URI.create("/account/password")).build();
    }
}
