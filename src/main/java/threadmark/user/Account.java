package threadmark.user;

import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** What authentication needs of a user, read in one short transaction, and the identity it grants. */
record Account(long id, String username, String passwordHash, String role, boolean mustChangePassword,
               boolean disabled) {

    /** Identity attribute: the user still has a one-time password and may do nothing but change it. */
    static final String MUST_CHANGE_PASSWORD = "threadmark.must-change-password";

    /** Ours come before Quarkus' JPA identity providers (default priority, 1001). */
    static final int PROVIDER_PRIORITY = IdentityProvider.SYSTEM_FIRST + 100;

    /** Call inside a transaction. */
    static Account find(String username) {
        return User.byUsername(username).map(Account::of).orElse(null);
    }

    static Account of(User u) {
        return new Account(u.id, u.username, u.passwordHash, u.role, u.mustChangePassword, u.isDisabled());
    }

    SecurityIdentity identity() {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username))
                .addRole(role)
                .addAttribute(MUST_CHANGE_PASSWORD, mustChangePassword)
                .build();
    }
}
