package threadmark.user;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/**
 * Single sign-on through an OpenID provider ({@link SingleSignOn}): who may come in and as whom. The provider itself
 * (its URL, our client id and secret) is quarkus-oidc's tenant "sso"; defaults in application.properties.
 */
@ConfigMapping(prefix = "threadmark.sso")
public interface SsoConfig {

    /** Whether the login page offers the provider; also switches the "sso" OIDC tenant and its path on and off. */
    boolean enabled();

    /** The provider as the login page names it: "Sign in with ...". */
    String providerName();

    /** Whether someone the provider vouches for but who has no account here gets a new one. */
    boolean createAccounts();

    /**
     * The email domains whose users may get a new account (the provider must have verified the address); none: any
     * user of the provider.
     */
    Optional<List<String>> emailDomains();

    /**
     * Whether a first sign-in joins the account that has exactly the email the provider verified. Off by default:
     * it trusts the provider to verify addresses, and the account's email to be its owner's.
     */
    boolean linkVerifiedEmail();

    /** The role of accounts made on a first sign-in. */
    Role defaultRole();
}
