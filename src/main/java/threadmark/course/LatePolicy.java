package threadmark.course;

import java.time.Duration;
import java.time.Instant;

/**
 * What lateness costs for one assignment: {@code penaltyPerDay} percent of the score for every started day after
 * {@code dueAt} (capped at 100), and nothing counts after {@code cutoffAt}. Null dates mean "no deadline" and
 * "no cut-off".
 */
public record LatePolicy(Instant dueAt, double penaltyPerDay, Instant cutoffAt) {

    private static final long DAY_NANOS = Duration.ofDays(1).toNanos();

    /** Started days after the deadline: any moment late, a fraction of a second included, starts a day. */
    public int daysLate(Instant submittedAt) {
        if (dueAt == null || !submittedAt.isAfter(dueAt)) {
            return 0;
        }
        long nanos = Duration.between(dueAt, submittedAt).toNanos();
        return (int) Math.max(1, (nanos + DAY_NANOS - 1) / DAY_NANOS);
    }

    public double penaltyPercent(Instant submittedAt) {
        return Math.min(100.0, daysLate(submittedAt) * penaltyPerDay);
    }

    public boolean afterCutoff(Instant submittedAt) {
        return cutoffAt != null && submittedAt.isAfter(cutoffAt);
    }

    /** The score that counts for a submission sent at {@code submittedAt}; zero after the cut-off. */
    public double apply(double score, Instant submittedAt) {
        if (afterCutoff(submittedAt)) {
            return 0;
        }
        return score * (100.0 - penaltyPercent(submittedAt)) / 100.0;
    }
}
