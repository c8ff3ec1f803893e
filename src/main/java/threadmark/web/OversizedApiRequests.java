package threadmark.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;
import java.util.Optional;

/**
 * Refuses an API request whose Content-Length is over {@code quarkus.http.limits.max-body-size} with a JSON
 * {@link ApiError}. Quarkus refuses it too, one route later, but with an empty 413 that tells a client nothing.
 */
@ApplicationScoped
public class OversizedApiRequests {

    /** Quarkus checks the limit in a route of order -2. */
    private static final int BEFORE_QUARKUS_LIMIT = -3;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void install(@Observes Router router) {
        maxBodySize.ifPresent(max -> router.route("/api/*").order(BEFORE_QUARKUS_LIMIT)
                .handler(context -> refuseIfTooLarge(context, max.asLongValue())));
    }

    private static void refuseIfTooLarge(RoutingContext context, long limit) {
        long length;
        try {
            String header = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            length = header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length <= limit) {
            context.next();
            return;
        }
        String message = "the request body is " + megabytes(length) + " MB; this server accepts at most "
                + megabytes(limit) + " MB per request";
        var response = context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        // The unread body would be taken for the next request on this connection: close it once answered.
        if (context.request().version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.endHandler(done -> context.request().connection().close());
        }
        response.end(new JsonObject().put("status", 413).put("error", message).encode());
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
