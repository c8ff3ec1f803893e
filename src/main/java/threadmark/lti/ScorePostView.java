package threadmark.lti;

import java.time.Instant;
import java.util.List;

/**
 * One outbox row as staff see it: whose score, where it goes, and how sending it went ({@code nextAttemptAt} only
 * while it waits; {@code lastResponse}: what the LMS last answered, trimmed).
 */
public record ScorePostView(long id, String student, String name, String exercise, String resourceLink,
                            Double scoreGiven, double scoreMaximum, ScorePost.Status status, int attempts,
                            Instant changedAt, Instant lastAttemptAt, Instant nextAttemptAt, Instant sentAt,
                            Integer lastStatus, String lastResponse) {

    static ScorePostView of(ScorePost p) {
        return new ScorePostView(p.id, p.user.username, p.user.fullName(),
                p.resourceLink.assignment == null ? null : p.resourceLink.assignment.exerciseSlug,
                p.resourceLink.resourceLinkId, p.scoreGiven, p.scoreMaximum, p.status, p.attempts, p.changedAt,
                p.lastAttemptAt, p.status == ScorePost.Status.PENDING ? p.nextAttemptAt : null, p.sentAt,
                p.lastStatus, p.lastResponse);
    }

    /** A course's outbox: counts by status, and its rows, the newest changes first. */
    public record Outbox(String course, long pending, long sent, long failed, Instant rosterSyncedAt,
                         List<ScorePostView> scores) {
    }
}
