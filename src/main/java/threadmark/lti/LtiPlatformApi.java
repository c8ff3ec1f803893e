package threadmark.lti;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import threadmark.user.Role;

import java.util.List;

/** Admins register the LMSs (LTI 1.3 platforms) that may launch Threadmark, and rotate our signing key. */
@Path("/api/lti")
@RolesAllowed(Role.ADMIN_ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "LTI platforms", description = "LMS platforms registered with this tool, and its signing key (admins)")
public class LtiPlatformApi {

    /** A registered platform as the API shows it: no secret is kept for a platform, so nothing is hidden. */
    public record PlatformView(long id, String name, String issuer, String clientId, List<String> deploymentIds,
                               String keySetUrl, String authLoginUrl, String authTokenUrl, String authTokenAudience) {
        static PlatformView of(LtiPlatform p) {
            return new PlatformView(p.id, p.name, p.issuer, p.clientId,
                    LtiDeployment.of(p).stream().map(d -> d.deploymentId).toList(), p.keySetUrl, p.authLoginUrl,
                    p.authTokenUrl, p.authTokenAudience);
        }
    }

    public record KeyView(String kid) {
    }

    @Inject
    PlatformRegistrations registrations;

    @Inject
    ToolKeys keys;

    @Operation(summary = "Registered LMS platforms")
    @GET
    @Path("/platforms")
    public List<PlatformView> list() {
        return LtiPlatform.allByName().stream().map(p -> PlatformView.of((LtiPlatform) p)).toList();
    }

    @Operation(summary = "One registered LMS platform")
    @GET
    @Path("/platforms/{id}")
    public PlatformView get(@RestPath long id) {
        return PlatformView.of(PlatformRegistrations.find(id));
    }

    @Operation(summary = "Register an LMS platform")
    @POST
    @Path("/platforms")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(PlatformRegistrations.Registration registration) {
        LtiPlatform platform = registrations.register(required(registration));
        return Response.status(Response.Status.CREATED).entity(PlatformView.of(platform)).build();
    }

    @Operation(summary = "Change a registered LMS platform")
    @PUT
    @Path("/platforms/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public PlatformView update(@RestPath long id, PlatformRegistrations.Registration registration) {
        return PlatformView.of(registrations.update(id, required(registration)));
    }

    @Operation(summary = "Delete a registered LMS platform")
    @DELETE
    @Path("/platforms/{id}")
    public Response delete(@RestPath long id) {
        registrations.delete(id);
        return Response.noContent().build();
    }

    /** A new signing key; the old one stays in our key set for threadmark.lti.retired-key-grace. */
    @Operation(summary = "Rotate Threadmark's signing key (the old one stays in the key set for a grace period)")
    @POST
    @Path("/keys/rotation")
    public KeyView rotate() {
        return new KeyView(keys.rotate().kid);
    }

    private static PlatformRegistrations.Registration required(PlatformRegistrations.Registration registration) {
        if (registration == null) {
            throw new BadRequestException("send the platform as JSON: name, issuer, clientId, deploymentIds, "
                    + "keySetUrl, authLoginUrl, authTokenUrl (authTokenAudience optional)");
        }
        return registration;
    }
}
