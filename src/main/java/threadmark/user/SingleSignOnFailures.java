package threadmark.user;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A return from the provider that quarkus-oidc refuses (a code the provider does not honour, an ID token that fails a
 * check, a state that matches no flow of this browser) goes to the page that says so, instead of a bare 401.
 */
@ApplicationScoped
public class SingleSignOnFailures {

    void install(@Observes Router router) {
        router.route(SingleSignOnPage.PATH).order(Integer.MIN_VALUE).failureHandler(rc -> {
            Throwable failure = rc.failure();
            if (rc.response().headWritten() || !(failure instanceof AuthenticationCompletionException
                    || failure instanceof AuthenticationFailedException)) {
                rc.next();
                return;
            }
            rc.response().setStatusCode(302).putHeader("Location", SingleSignOnPage.FAILED_PATH).end();
        });
    }
}
