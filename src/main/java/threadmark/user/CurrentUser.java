package threadmark.user;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;

/** The logged-in user of the current request, loaded once. */
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    private User user;

    public User get() {
        if (user == null) {
            user = User.byUsername(identity.getPrincipal().getName())
                    .orElseThrow(() -> new ForbiddenException("unknown user"));
        }
        return user;
    }
}
