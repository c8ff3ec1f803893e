package threadmark.lti;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import threadmark.user.Role;
import threadmark.user.User;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Locale;

/**
 * The one way an LMS's user becomes a Threadmark account, whether a launch or a roster read names them first: a
 * username from what the LMS tells (its login id, the email's local part, the name), made unique; a random password
 * nobody sees, so they log in through the LMS (or an admin's reset). Accounts are never matched by email or name.
 */
final class LmsAccounts {

    private static final SecureRandom RANDOM = new SecureRandom();

    private LmsAccounts() {
    }

    /** What an LMS tells of a person, any of it null. */
    record Person(String loginId, String email, String givenName, String familyName, String name) {
        String displayName() {
            if (name != null && !name.isBlank()) {
                return name.length() > 200 ? name.substring(0, 200) : name;
            }
            String joined = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).strip();
            return joined.isEmpty() ? null : joined;
        }
    }

    static User create(Person person, Role role, String issuer) {
        User user = new User();
        user.username = uniqueUsername(person);
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        user.passwordHash = BcryptUtil.bcryptHash(Base64.getUrlEncoder().encodeToString(secret));
        user.role = role.name();
        user.displayName = person.displayName();
        user.email = person.email() != null && person.email().length() <= 320 ? person.email() : null;
        user.persist();
        Log.infof("user %s created for %s of %s", user.username, role, issuer);
        return user;
    }

    /** From the LMS login id, the email's local part or the name; letters, digits, . _ - only, made unique. */
    static String uniqueUsername(Person person) {
        String seed = usable(person.loginId()) ? person.loginId()
                : person.email() != null ? person.email().replaceAll("@.*", "")
                : person.givenName() != null || person.familyName() != null
                ? (person.givenName() == null ? "" : person.givenName()) + "."
                + (person.familyName() == null ? "" : person.familyName())
                : person.name() != null ? person.name() : "lms-user";
        String base = Normalizer.normalize(seed, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", ".").replaceAll("^[._-]+|[._-]+$", "");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        if (base.isEmpty()) {
            base = "lms-user";
        }
        String username = base;
        for (int n = 2; User.byUsername(username).isPresent(); n++) {
            username = base + "-" + n;
        }
        return username;
    }

    /** Canvas sends its substitution variable itself ("$Canvas.user.loginId") when the value is unknown. */
    private static boolean usable(String login) {
        return login != null && !login.isBlank() && !login.startsWith("$");
    }
}
