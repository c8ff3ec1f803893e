package threadmark.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives an API refusal that has no body an {@link ApiError}. Filters abort without an exception, so no mapper sees
 * them: above all the CSRF filter, which answers a form post to the API with an empty 400. The API reads no forms,
 * so that one becomes the 415 any other wrong Content-Type gets.
 */
public class EmptyApiErrors {

    @ServerResponseFilter
    public void explain(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (response.getStatus() < 400 || response.hasEntity() || !(path.startsWith("/api/") || path.equals("/api"))) {
            return;
        }
        MediaType type = request.getMediaType();
        boolean form = type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE));
        int status = form && response.getStatus() == 400 ? 415 : response.getStatus();
        response.setStatus(status);
        response.setEntity(new ApiError(status, ApiErrorMappers.defaultMessage(status, request.getMethod(), path,
                request.getHeaderString("Content-Type"), request.getHeaderString("Accept"))),
                null, MediaType.APPLICATION_JSON_TYPE);
    }
}
