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

    /** The user, or empty for an anonymous request. */
    public java.util.Optional<User> find() {
        return identity.isAnonymous() ? java.util.Optional.empty() : java.util.Optional.of(get());
    }

    public User get() {
        if (user == null) {
            user = User.byUsername(identity.getPrincipal().getName())
                    .orElseThrow(() -> new ForbiddenException("unknown user"));
        }
        return user;
    }
}
