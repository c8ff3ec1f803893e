package threadmark.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Refuses a login form posted from another site. Quarkus form authentication handles {@code /j_security_check}
 * outside the REST layer, so the page forms' CSRF tokens do not cover it; without this check another site could log a
 * visitor into the attacker's account (login CSRF), and the visitor's next submission would land there. Browsers
 * send {@code Origin} with every cross-site POST; a request without one (not a browser) is let through.
 */
@ApplicationScoped
public class LoginOriginCheck {

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, "/j_security_check").order(Integer.MIN_VALUE + 1).handler(rc -> {
            String origin = rc.request().getHeader("Origin");
            if (origin == null || sameHost(origin, rc.request().authority())) {
                rc.next();
                return;
            }
            rc.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end("Login refused: the form was sent from another site (" + origin + "). "
                            + "Open the login page of this server and log in there.");
        });
    }

    /**
     * The request's authority is the Host header, or what a proxy forwarded when
     * {@code quarkus.http.proxy.enable-forwarded-host} is on; ports are compared only when both sides name one.
     */
    private static boolean sameHost(String origin, io.vertx.core.net.HostAndPort self) {
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
