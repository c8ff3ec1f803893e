package threadmark.user;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Restores the user of a browser session on every page request (form authentication's cookie names the user), from
 * the database: only while the session lives on the server ({@link Sessions}); a disabled account is logged out at
 * once, and a forced password change holds from the next page.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    @Inject
    Sessions sessions;

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
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
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
            // One transaction for the account and its session: every page request and live page opening passes here.
            Account account = http == null ? null : QuarkusTransaction.requiringNew().call(() -> {
                Account found = Account.find(request.getPrincipal());
                return found != null && !found.disabled() && sessions.isLive(found.id(), http.request()) ? found : null;
            });
            if (account == null) {
                if (http != null) {
                    Sessions.forget(http.response());
                }
                throw new AuthenticationFailedException("the session has ended, or its account is gone or disabled");
            }
            return account.identity();
        });
    }
}
