package threadmark.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * Refuses every state-changing request (POST, PUT, PATCH, DELETE) that a browser sent on behalf of another site:
 * its {@code Sec-Fetch-Site} says cross-site or same-site, or its {@code Origin} names another host. Page forms also
 * carry a CSRF token, but the token filter reads form bodies only, while a cross-site form can post
 * {@code text/plain} to any route, and a browser that remembers the API's Basic credentials sends them with it. Every
 * browser sends one of the two headers with such a request; clients that are not browsers send neither and pass.
 */
@ApplicationScoped
public class CrossSiteRequestGuard {
    private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    /**
     * The LTI 1.3 entry points, which an LMS posts to from its own site by design (the OIDC login initiation and the
     * id_token's form_post): what protects them is the state, nonce and platform signature they carry, checked there.
     */
    private static final Set<String> CROSS_SITE_ENTRIES = Set.of("/lti/login", "/lti/launch");
    /** {@code none}: the user typed the address or used a bookmark. */
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(rc -> {
            if (!STATE_CHANGING.contains(rc.request().method()) || fromThisSite(rc)
                    || CROSS_SITE_ENTRIES.contains(rc.normalizedPath())) {
                rc.next();
                return;
            }
            String origin = rc.request().getHeader("Origin");
            String from = origin == null ? "another site" : "another site (" + origin + ")";
            String sentence = "Refused: this request was sent from " + from + ". Open this server's own page and do it"
                    + " there.";
            if (rc.normalizedPath().startsWith("/api/")) {
                rc.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("status", 403).put("error", sentence).encode());
            } else {
                rc.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=UTF-8").end(sentence);
            }
        });
    }

    private static boolean fromThisSite(RoutingContext rc) {
        String site = rc.request().getHeader("Sec-Fetch-Site");
        if (site != null && !OWN_SITE.contains(site)) {
            return false;
        }
        String origin = rc.request().getHeader("Origin");
        return origin == null || sameHost(origin, rc.request().authority());
    }

    /**
     * The request's authority is the Host header, or what a proxy forwarded when
     * {@code quarkus.http.proxy.enable-forwarded-host} is on; ports are compared only when both sides name one.
     * An opaque origin ({@code null}: a sandboxed frame, a redirect from elsewhere) is another site.
     */
    private static boolean sameHost(String origin, HostAndPort self) {
        if (self == null) {
            return false;
        }
        try {
            URI uri = new URI(origin);
            return uri.getHost() != null && uri.getHost().equalsIgnoreCase(self.host())
                    && (uri.getPort() < 0 || self.port() < 0 || uri.getPort() == self.port());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
