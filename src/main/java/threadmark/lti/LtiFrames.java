package threadmark.lti;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import threadmark.web.FramingSites;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The LMS sites that may frame our pages: each registered platform's issuer and login host, and those configured.
 * Kept in memory (headers are written on the event loop, which must not wait for the database), reloaded when a
 * registration changes and every minute for the other server processes' changes.
 */
@ApplicationScoped
public class LtiFrames implements FramingSites {

    @Inject
    LtiConfig config;

    private volatile List<String> origins = List.of();

    @Override
    public List<String> origins() {
        return origins;
    }

    void onStart(@Observes StartupEvent start) {
        reload();
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) PlatformRegistrations.Changed change) {
        reload();
    }

    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reload() {
        Set<String> found = new LinkedHashSet<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (LtiPlatform platform : LtiPlatform.<LtiPlatform>listAll()) {
                origin(platform.issuer, found);
                origin(platform.authLoginUrl, found);
            }
        });
        config.frameAncestors().ifPresent(extra -> extra.forEach(o -> origin(o, found)));
        origins = List.copyOf(found);
    }

    private static void origin(String url, Set<String> into) {
        try {
            URI uri = URI.create(url.strip());
            // Only a bare scheme://host[:port] may go into a policy: nothing a registration could use to inject.
            if (uri.getHost() != null && uri.getHost().matches("[A-Za-z0-9.-]+")
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                into.add(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
            }
        } catch (IllegalArgumentException ignored) {
            // not a URL: nothing to allow
        }
    }
}
