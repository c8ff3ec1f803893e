package threadmark.user;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;

import java.util.Optional;

/** The logged-in user of the current request, loaded once. */
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    private User user;

    /** The user, or empty for an anonymous request. */
    public Optional<User> find() {
        return identity.isAnonymous() ? Optional.empty() : Optional.of(get());
    }

    public User get() {
        if (user == null) {
            user = User.byUsername(identity.getPrincipal().getName())
                    .orElseThrow(() -> new ForbiddenException("unknown user"));
        }
        return user;
    }
}
