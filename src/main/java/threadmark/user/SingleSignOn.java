package threadmark.user;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.exception.ConstraintViolationException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Who someone signing in through the OpenID provider is here: the account linked to their (issuer, subject) pair;
 * on a first sign-in the account whose email the provider verified (only if {@link SsoConfig#linkVerifiedEmail()}),
 * or a new one (only if {@link SsoConfig#createAccounts()}, within {@link SsoConfig#emailDomains()}); else refused.
 */
@ApplicationScoped
public class SingleSignOn {

    /** What the provider's verified ID token says about the person. */
    public record Claims(String issuer, String subject, String email, boolean emailVerified, String name) {
    }

    /** Why someone is turned away; the page says it in the reader's language. */
    public enum Refusal {
        /** Neither linking nor a new account applies. */
        NO_ACCOUNT,
        /** A new account is allowed only for some email domains, and the verified email is in none of them. */
        DOMAIN_NOT_ALLOWED,
        /** A new account needs an email the provider verified. */
        EMAIL_NOT_VERIFIED,
        /** The account exists but is disabled. */
        DISABLED
    }

    /** Thrown (rolling back whatever was begun) when the person may not come in. */
    public static class RefusedException extends RuntimeException {
        public final Refusal reason;

        RefusedException(Refusal reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    /** The quarkus-oidc tenant of the provider (quarkus.oidc.sso.*). */
    static final String TENANT = "sso";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SsoConfig config;

    @Inject
    ExternalLogin externalLogin;

    /** The user to log in; throws {@link RefusedException} with nothing created. */
    public User userFor(Claims claims) {
        User user;
        try {
            user = externalLogin.userFor(claims.issuer(), claims.subject(), () -> firstSignIn(claims));
        } catch (ConstraintViolationException sameMomentAsAnother) {
            // The same person's first sign-in in another tab (a double click) made the account and the link first;
            // the database told us once that one committed, so this time the link is found.
            user = externalLogin.userFor(claims.issuer(), claims.subject(), () -> firstSignIn(claims));
        }
        if (user.isDisabled()) {
            throw new RefusedException(Refusal.DISABLED, "account " + user.username + " is disabled");
        }
        return user;
    }

    /** Runs inside {@link ExternalLogin#userFor}'s transaction: a refusal rolls it back. */
    private User firstSignIn(Claims claims) {
        String email = claims.emailVerified() && claims.email() != null && !claims.email().isBlank()
                ? claims.email().strip().toLowerCase(Locale.ROOT) : null;
        if (config.linkVerifiedEmail() && email != null) {
            List<User> same = User.list("lower(email) = ?1", email);
            // An account this provider already vouches for under another subject is someone else's now (an address
            // the provider gave again): it is not joined a second time.
            if (same.size() == 1 && ExternalIdentity.count("user = ?1 and issuer = ?2", same.getFirst(),
                    claims.issuer()) == 0) {
                Log.infof("single sign-on: %s (subject %s of %s) linked by its verified email", same.getFirst().username,
                        claims.subject(), claims.issuer());
                return same.getFirst();
            }
        }
        if (!config.createAccounts()) {
            throw new RefusedException(Refusal.NO_ACCOUNT, "no account is linked and new accounts are off");
        }
        if (config.emailDomains().isPresent()) {
            if (email == null) {
                throw new RefusedException(Refusal.EMAIL_NOT_VERIFIED, "the provider did not verify an email");
            }
            String domain = email.substring(email.lastIndexOf('@') + 1);
            if (config.emailDomains().get().stream().noneMatch(d -> d.strip().equalsIgnoreCase(domain))) {
                throw new RefusedException(Refusal.DOMAIN_NOT_ALLOWED, "the email domain " + domain + " is not allowed");
            }
        }
        User user = User.create(freeUsername(email, claims), randomPassword(), config.defaultRole());
        user.email = email;
        user.displayName = claims.name() == null || claims.name().isBlank() ? null : claims.name().strip();
        Log.infof("single sign-on: new account %s for subject %s of %s", user.username, claims.subject(),
                claims.issuer());
        return user;
    }

    /** The verified email if it is a valid, free user name; else one derived from the pair, never a claim unchecked. */
    private static String freeUsername(String email, Claims claims) {
        String base = email != null && email.length() <= 90 && email.matches("[a-z0-9._@-]+") ? email
                : "sso-" + digest(claims.issuer() + "\n" + claims.subject()).substring(0, 12);
        String candidate = base;
        for (int n = 2; User.byUsername(candidate).isPresent(); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    /**
     * Nobody knows it: the account signs in through the provider until staff reset its password (which hands over a
     * one-time password, as for any account).
     */
    private static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
