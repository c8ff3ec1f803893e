package threadmark.submission;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** What a student may send, and how often. */
@ConfigMapping(prefix = "threadmark.submissions")
public interface SubmissionsConfig {

    /** Files in one submission. */
    int maxFiles();

    /** Total size of one submission's sources, in bytes (UTF-8). */
    int maxBytes();

    /** Submissions a student may make within {@link #rateWindow()}; staff are not limited. */
    int rateLimit();

    Duration rateWindow();

    /** Live-status streams one user may hold open at once. */
    int liveStreamsPerUser();

    /** Live-status streams this server process holds open at once, for everyone. */
    int liveStreamsTotal();

    /** Pool connections the live-status streams of this process use at once for their reads; the rest serve requests. */
    int liveStreamReads();
}
