package threadmark.lti;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** LTI 1.3 settings: defaults in application.properties under threadmark.lti. */
@ConfigMapping(prefix = "threadmark.lti")
public interface LtiConfig {

    /** How long a retired signing key stays in our key set, so that what it signed can still be checked. */
    Duration retiredKeyGrace();
}
