package threadmark.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * Turns exceptions into {@link ApiError} bodies with the right status, or into an error page for page requests;
 * no stack traces reach clients.
 */
public class ApiErrorMappers {

    @Inject
    PageContext page;

    @Inject
    HttpServerRequest request;

    /**
     * API callers are told to authenticate with HTTP Basic; page visitors go to the login form, which brings them
     * back here afterwards (the cookie is the one Quarkus form authentication reads after a login).
     */
    @ServerExceptionMapper
    public Response unauthorized(io.quarkus.security.UnauthorizedException e) {
        if (isPageRequest()) {
            return Response.status(Response.Status.FOUND).location(java.net.URI.create("/login"))
                    .cookie(new jakarta.ws.rs.core.NewCookie.Builder("quarkus-redirect-location")
                            .value(request.absoluteURI()).path("/").httpOnly(true).build())
                    .build();
        }
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .header("WWW-Authenticate", "Basic realm=\"Threadmark\"")
                .entity(new ApiError(401, "log in: send your user name and password with HTTP Basic authentication"))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return error(403, "you may not open this page: it belongs to another user or to the course staff");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return invalidJson(json);
        }
        int status = e.getResponse().getStatus();
        String message = e.getMessage() == null || e.getMessage().startsWith("HTTP ")
                ? Response.Status.fromStatusCode(status) == null ? "error" : Response.Status.fromStatusCode(status).getReasonPhrase()
                : e.getMessage();
        Response.ResponseBuilder response = Response.fromResponse(error(status, message));
        // Keep what the thrower said beyond the status, such as Retry-After on 429.
        e.getResponse().getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> response.header(name, v));
            }
        });
        return response.build();
    }

    /** Well-formed JSON of the wrong shape: names the field and what was wrong with its value. */
    @ServerExceptionMapper
    public Response mismatchedJson(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        String why = e.getOriginalMessage();
        int newline = why.indexOf('\n');
        return error(400, "the request body does not fit this endpoint: " + (field.isEmpty() ? "" : field + ": ")
                + (newline < 0 ? why : why.substring(0, newline)));
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e) {
        return error(400, "the request body is not valid JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        return error(400, e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; ")));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof WebApplicationException web) {
            return webApplication(web);
        }
        if (DatabaseOutage.causedBy(e)) {
            Log.warnf("request refused, the database is unreachable: %s", e.getMessage());
            return Response.fromResponse(error(503, "the database is unreachable right now, so nothing was stored; "
                    + "try again in a minute")).header("Retry-After", "30").build();
        }
        Log.errorf(e, "unexpected error");
        return error(500, "internal error: " + e.getClass().getSimpleName());
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private Response error(int status, String message) {
        if (isPageRequest()) {
            return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                    .entity(ErrorPage.of(page, status, message).render()).build();
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(status, message)).build();
    }

    private boolean isPageRequest() {
        String path = request.path();
        return !path.startsWith("/api/") && !path.equals("/api");
    }
}
