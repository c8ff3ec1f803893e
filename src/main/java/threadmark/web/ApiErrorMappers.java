package threadmark.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
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
            return Response.status(Response.Status.FOUND).location(URI.create("/login"))
                    .cookie(new NewCookie.Builder("quarkus-redirect-location")
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
        String message = isFrameworkMessage(status, e.getMessage()) ? defaultMessage(status) : e.getMessage();
        Response.ResponseBuilder response = Response.fromResponse(error(status, message));
        // Keep what the thrower said beyond the status, such as Retry-After on 429 or Allow on 405.
        e.getResponse().getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> response.header(name, v));
            }
        });
        return response.build();
    }

    /**
     * The REST layer's own refusals say "HTTP 404 Not Found" or name its internals ("Unable to find matching target
     * resource method", "No supported MessageBodyReader found"); this code never throws 405, 406 or 415 itself.
     */
    private static boolean isFrameworkMessage(int status, String message) {
        return message == null || message.startsWith("HTTP ") || status == 405 || status == 406 || status == 415
                || message.equals("Unable to find matching target resource method");
    }

    private String defaultMessage(int status) {
        return defaultMessage(status, request.method().name(), request.path(), request.getHeader("Content-Type"),
                request.getHeader("Accept"));
    }

    /** What the REST layer's own refusals mean, for a client that has only the status otherwise. */
    static String defaultMessage(int status, String method, String path, String contentType, String accept) {
        return switch (status) {
            case 404 -> "nothing at " + method + " " + path + ": check the address (ids are numbers, names as listed "
                    + "by the API)";
            case 405 -> method + " is not allowed on " + path;
            case 406 -> "this endpoint cannot answer in " + accept + "; the API answers JSON";
            case 415 -> "the body's Content-Type, " + (contentType == null ? "missing" : contentType.split(";")[0].strip())
                    + ", is not one this endpoint reads: send JSON with Content-Type: application/json (exercise uploads take "
                    + "application/zip, rosters text/csv)";
            default -> Response.Status.fromStatusCode(status) == null ? "error"
                    : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
    }

    /** JSON that does not parse, or does not fit the endpoint: where, or which field and what it should be. */
    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e) {
        return error(400, JsonProblems.of(e));
    }

    /** Quarkus maps exactly this type itself, to an empty 400; a mapper of ours for the same type comes first. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return invalidJson(e);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        // A JSON body of "null" (or none, where the REST layer reads that as null) fails the body's @NotNull.
        boolean noBody = e.getConstraintViolations().stream().anyMatch(v -> v.getInvalidValue() == null
                && v.getConstraintDescriptor().getAnnotation() instanceof NotNull
                && isParameter(v.getPropertyPath()));
        if (noBody) {
            return error(400, "the request body is empty: send a JSON object");
        }
        return error(400, e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; ")));
    }

    /** Checked exceptions too: a resource that lets an IOException out still answers with a sentence, not a trace. */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
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

    private static boolean isParameter(jakarta.validation.Path path) {
        jakarta.validation.Path.Node last = null;
        for (jakarta.validation.Path.Node node : path) {
            last = node;
        }
        return last != null && last.getKind() == ElementKind.PARAMETER;
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
