package threadmark.lti;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What platforms fetch from us without logging in: our public key set and Canvas' developer key JSON. */
@Path("/")
@Tag(name = "LTI platforms")
public class ToolKeySetApi {

    @Inject
    ToolKeys keys;

    @Inject
    LtiConfig config;

    @Inject
    HttpServerRequest request;

    /** Public keys only; cached briefly, since a rotation must reach platforms soon (the old key stays a while). */
    @Operation(summary = "Threadmark's public key set, which LMS platforms check its signatures with")
    @GET
    @Path(".well-known/jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response keySet() {
        return Response.ok(keys.keySetJson()).header("Cache-Control", "public, max-age=300").build();
    }

    @GET
    @Path("lti/canvas.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> canvasConfiguration() {
        return ToolUrls.of(config, request).canvasJson();
    }
}
