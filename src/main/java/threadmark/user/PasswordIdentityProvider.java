package threadmark.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a user name and password (HTTP Basic on every API call, and the login form) against the bcrypt hash in
 * app_user, after {@link LoginThrottle} lets the attempt through; a login through the form also starts a server-side
 * session ({@link Sessions}). It remembers which passwords it has already verified. A bcrypt check costs about 80 ms of CPU by design,
 * and API clients send their password with every request: polling a submission twice a second would otherwise keep
 * a core busy. The memory holds a salted SHA-256 of the password next to the bcrypt hash it matched, so a changed
 * password (a new hash) is checked afresh and the old one stops working at once; it lives only in this process.
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final int MAX_REMEMBERED = 10_000;

    /** A hash of a random password, at the cost every stored hash has. */
    private static final String UNKNOWN_USER_HASH = BcryptUtil.bcryptHash(OneTimePassword.generate());

    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final byte[] salt = new byte[32];
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    public PasswordIdentityProvider(Sessions sessions, LoginThrottle throttle) {
        this.sessions = sessions;
        this.throttle = throttle;
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /**
     * Ahead of the JPA provider, which knows no disabled accounts, forced changes or throttling: that one has the
     * default priority, SYSTEM_FIRST + 1, and with a tie the order between the two is left to chance.
     */
    @Override
    public int priority() {
        return Account.PROVIDER_PRIORITY;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            String username = request.getUsername();
            String password = new String(request.getPassword().getPassword());
            RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
            String address = http == null || http.request().remoteAddress() == null ? null
                    : http.request().remoteAddress().hostAddress();
            Optional<Duration> wait = throttle.waitFor(username, address);
            if (wait.isPresent()) {
                throw new AuthenticationFailedException("too many failed logins", new LoginThrottledException(wait.get()));
            }
            Account account = QuarkusTransaction.requiringNew().call(() -> Account.find(username));
            boolean right;
            if (account == null) {
                // An unknown name costs the same bcrypt check as a wrong password: timing does not tell names apart.
                BcryptUtil.matches(password, UNKNOWN_USER_HASH);
                right = false;
            } else {
                right = matches(account, password);
            }
            if (!right || account.disabled()) {
                throttle.failed(username, address);
                throw new AuthenticationFailedException("wrong user name or password");
            }
            throttle.succeeded(username);
            if (http != null && http.normalizedPath().endsWith("/j_security_check")) {
                sessions.start(account.id(), http.request());
            }
            return account.identity();
        });
    }

    private boolean matches(Account account, String password) {
        String key = account.username() + '\u0000' + digest(password);
        if (account.passwordHash().equals(verified.get(key))) {
            return true;
        }
        if (!BcryptUtil.matches(password, account.passwordHash())) {
            return false;
        }
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(key, account.passwordHash());
        return true;
    }

    private String digest(String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
