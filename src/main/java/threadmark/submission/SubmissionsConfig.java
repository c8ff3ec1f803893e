package threadmark.submission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** What a student may send, and how often. */
@ConfigMapping(prefix = "threadmark.submissions")
public interface SubmissionsConfig {

    /** Files in one submission. */
    @WithDefault("20")
    int maxFiles();

    /** Total size of one submission's sources, in bytes (UTF-8). */
    @WithDefault("204800")
    int maxBytes();

    /** Submissions a student may make within {@link #rateWindow()}; staff are not limited. */
    @WithDefault("6")
    int rateLimit();

    @WithDefault("1m")
    Duration rateWindow();

    /** Live-status streams one user may hold open at once. */
    @WithDefault("4")
    int liveStreamsPerUser();

    /** Live-status streams this server process holds open at once, for everyone. */
    @WithDefault("500")
    int liveStreamsTotal();
}
