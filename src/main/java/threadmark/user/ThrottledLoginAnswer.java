package threadmark.user;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a login refused by {@link LoginThrottle} with the wait: the login form goes back to the login page, which
 * says how long; an API call gets 429 with {@code Retry-After} and a sentence. Other authentication failures go on
 * to Quarkus' own answers (the login page's error, or 401 with a Basic challenge).
 */
@ApplicationScoped
public class ThrottledLoginAnswer {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(rc -> {
            LoginThrottledException throttled = find(rc.failure());
            if (throttled == null || rc.response().headWritten()) {
                rc.next();
                return;
            }
            long seconds = throttled.waitSeconds();
            if (rc.normalizedPath().endsWith("/j_security_check")) {
                rc.response().setStatusCode(302).putHeader("Location", "/login?error=true&wait=" + seconds).end();
                return;
            }
            rc.response().setStatusCode(429).putHeader("Retry-After", Long.toString(seconds))
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("status", 429).put("error", "too many failed logins for this account "
                            + "or from this address: try again in " + seconds + " seconds").encode());
        });
    }

    private static LoginThrottledException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LoginThrottledException throttled) {
                return throttled;
            }
        }
        return null;
    }
}
