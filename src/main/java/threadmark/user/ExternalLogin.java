package threadmark.user;

import io.quarkus.vertx.http.runtime.security.PersistentLoginManager;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Logs a browser in as a user that someone else vouched for (an LTI platform's launch, a single sign-on provider),
 * exactly as the login form does: the form cookie naming the user and a server-side session ({@link Sessions}), so
 * logging out, disabling the account and every page's checks work the same for both.
 */
@ApplicationScoped
public class ExternalLogin {

    @Inject
    Sessions sessions;

    @ConfigProperty(name = "quarkus.http.auth.session.encryption-key")
    Optional<String> encryptionKey;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = Sessions.FORM_COOKIE)
    String cookieName;

    @ConfigProperty(name = "quarkus.http.auth.form.timeout", defaultValue = "PT30M")
    Duration timeout;

    @ConfigProperty(name = "quarkus.http.auth.form.new-cookie-interval", defaultValue = "PT1M")
    Duration newCookieInterval;

    @ConfigProperty(name = "quarkus.http.auth.form.http-only-cookie", defaultValue = "false")
    boolean httpOnly;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-same-site", defaultValue = "strict")
    String sameSite;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-path", defaultValue = "/")
    String cookiePath;

    /**
     * The user that {@code issuer} knows as {@code subject}: the one linked before, else {@code make}'s (a new user,
     * or an existing one matched by the caller's rule), linked from now on.
     */
    @Transactional
    public User userFor(String issuer, String subject, Supplier<User> make) {
        Optional<ExternalIdentity> known = ExternalIdentity.of(issuer, subject);
        if (known.isPresent()) {
            known.get().lastSeen = Instant.now();
            return known.get().user;
        }
        User user = make.get();
        ExternalIdentity identity = new ExternalIdentity();
        identity.issuer = issuer;
        identity.subject = subject;
        identity.user = user;
        identity.persist();
        return user;
    }

    /**
     * Starts a browser session for {@code user} on the response of {@code context}. Refuses a disabled account: the
     * caller answers 403 with the exception's sentence.
     */
    public void logIn(User user, RoutingContext context) {
        if (user.isDisabled()) {
            throw new IllegalStateException("The account " + user.username + " is disabled: ask your instructor.");
        }
        sessions.start(user.id, context.request());
        PersistentLoginManager cookies = new PersistentLoginManager(encryptionKey.orElseThrow(() ->
                new IllegalStateException("quarkus.http.auth.session.encryption-key is not set")),
                cookieName, timeout.toMillis(), newCookieInterval.toMillis(), httpOnly,
                // Quarkus hands over its enum's name (LAX); the property is written as lax.
                sameSite.toUpperCase(Locale.ROOT), cookiePath, -1,
                null);
        cookies.save(Account.of(user).identity(), context, null, context.request().isSSL());
    }
}
