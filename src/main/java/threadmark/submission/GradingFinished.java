package threadmark.submission;

/**
 * Fired inside the transaction that stored a grading's final result (a first grading or a regrade): the score that
 * counts for its student may have changed. Observers that must not hold grading up listen after it commits.
 */
public record GradingFinished(long gradingId, long submissionId, long userId, String exerciseSlug) {
}
