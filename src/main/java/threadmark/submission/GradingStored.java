package threadmark.submission;

/**
 * Fired inside the transaction that stored a grading's result: a final one (a first grading or a regrade), or a
 * provisional one that waits to be measured again ({@code provisional}). The score that counts for its student, or
 * whether it may still change, may be different now. Observers that must not hold grading up listen after it commits.
 */
public record GradingStored(long gradingId, long submissionId, long userId, String exerciseSlug, boolean provisional) {
}
