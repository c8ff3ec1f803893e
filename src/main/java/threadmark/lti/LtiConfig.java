package threadmark.lti;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** LTI 1.3 settings: defaults in application.properties under threadmark.lti. */
@ConfigMapping(prefix = "threadmark.lti")
public interface LtiConfig {

    /** How long a retired signing key stays in our key set, so that what it signed can still be checked. */
    Duration retiredKeyGrace();

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
