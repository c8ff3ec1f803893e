package threadmark.lti;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** LTI 1.3 settings: defaults in application.properties under threadmark.lti. */
@ConfigMapping(prefix = "threadmark.lti")
public interface LtiConfig {

    /** How long a retired signing key stays in our key set, so that what it signed can still be checked. */
    Duration retiredKeyGrace();

    /**
     * The address platforms reach us at (https://threadmark.example.edu), for the URLs we publish and check launches
     * against; unset: the request's own (behind a proxy, as it forwarded it).
     */
    Optional<String> baseUrl();

    /** How long a platform may take between our login redirect and its launch. */
    @WithDefault("10m")
    Duration loginStateLifetime();

    /** Clock difference tolerated between a platform and us on exp and iat. */
    @WithDefault("60s")
    Duration clockLeeway();

    /** The oldest id_token accepted (its iat), whatever its exp says. */
    @WithDefault("10m")
    Duration maxTokenAge();

    /** How long a platform's key set is used before it is fetched again. */
    @WithDefault("1h")
    Duration keySetCache();

    /** The least time between two fetches of a key set prompted by an unknown kid (a forged kid must not flood). */
    @WithDefault("30s")
    Duration keySetRefetchInterval();

    /** How long a staff member may take to pick an exercise for a deep linking request. */
    @WithDefault("1h")
    Duration deepLinkLifetime();

    /** Sites besides the registered platforms' own that may frame our pages (a Canvas instance's own host). */
    Optional<List<String>> frameAncestors();
    /** How long we wait for a platform's token, score or membership endpoint to answer. */
    Duration httpTimeout();

    /** A launch reads its context's roster again when the last read is older than this. */
    Duration rosterAfterLaunch();

    /** Sending scores to the platforms' line items (Assignment and Grade Services). */
    Scores scores();

    interface Scores {
        /** How often the sender looks for due scores that no change or retry timer of this process woke it for. */
        Duration pollInterval();

        /** The wait before the first retry of a score the LMS did not take; it doubles (with jitter) up to maxRetry. */
        Duration firstRetry();

        Duration maxRetry();

        /** How long a claimed score is hidden from other senders while it is being posted. */
        Duration claimLease();

        /** Scores claimed at once by one sender. */
        int batch();

        /** How often the counted scores of every linked assignment are compared with the outbox. */
        Duration reconcileEvery();
    }
}
