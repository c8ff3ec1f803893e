package threadmark.grading;

/** A grading job this worker holds a lease on; the token proves the lease is still ours. */
public record ClaimedJob(long gradingId, String leaseToken, int attempt) {
}
